//! The plan and progress as a Markdown report. Everything the user typed (notes, evidence,
//! names of own roles and skills) is escaped, so it reads as text in any renderer and never
//! becomes a link, an image, HTML or a broken table.

use chrono::NaiveDateTime;
use pathwise_core::catalog::Catalog;
use pathwise_core::plan::Plan;
use pathwise_core::profile::Event;
use pathwise_core::progress::{item_progress, Streak};

/// How many of the newest events the report lists.
pub const RECENT: usize = 30;

/// Escapes text for a Markdown table cell or paragraph.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // Only an `&` that could start an entity needs escaping; "A & B" stays readable.
            '&' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("&amp;")
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '(' | ')' | '#' | '!' | '~' | '{' | '}'
            | '+' | '-' | '.' | '"' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

struct Words {
    title: &'static str,
    fit: &'static str,
    fit_head: &'static str,
    plan: &'static str,
    no_plan: &'static str,
    plan_line: &'static str,
    deadline: &'static str,
    meets: &'static str,
    misses: &'static str,
    plan_head: &'static str,
    done_on: &'static str,
    logged: &'static str,
    planned: &'static str,
    progress: &'static str,
    totals: &'static str,
    recent: &'static str,
    recent_head: &'static str,
    none: &'static str,
}

const EN: Words = Words {
    title: "Pathwise report",
    fit: "Fit with each role",
    fit_head: "| Role | Fit | Points met | Hours to close |\n|---|---:|---:|---:|",
    plan: "Learning plan",
    no_plan: "No plan yet.",
    plan_line: "Start {start} · finish {finish} · {weekly} h per week · {total} h in all",
    deadline: "Deadline {deadline}",
    meets: "met",
    misses: "missed",
    plan_head:
        "| # | Skill | Level | Hours | Start | Due | Status |\n|---:|---|---:|---:|---|---|---|",
    done_on: "done on",
    logged: "h logged",
    planned: "planned",
    progress: "Progress",
    totals: "{events} events, {hours} h logged; streak {current} weeks (longest {longest})",
    recent: "Newest events",
    recent_head: "| Date | Skill | Level | Hours | Note | Evidence |\n|---|---|---:|---:|---|---|",
    none: "Nothing logged yet.",
};

const ZH: Words = Words {
    title: "Pathwise 报告",
    fit: "与各角色的匹配度",
    fit_head: "| 角色 | 匹配度 | 已得分 | 尚需小时 |\n|---|---:|---:|---:|",
    plan: "学习计划",
    no_plan: "尚无计划。",
    plan_line: "开始 {start} · 完成 {finish} · 每周 {weekly} 小时 · 共 {total} 小时",
    deadline: "截止日期 {deadline}",
    meets: "可按时完成",
    misses: "无法按时完成",
    plan_head: "| # | 技能 | 等级 | 小时 | 开始 | 截止 | 状态 |\n|---:|---|---:|---:|---|---|---|",
    done_on: "完成于",
    logged: "小时已记录",
    planned: "计划中",
    progress: "进展",
    totals: "共 {events} 条记录，{hours} 小时；连续 {current} 周（最长 {longest} 周）",
    recent: "最新记录",
    recent_head: "| 日期 | 技能 | 等级 | 小时 | 备注 | 证明 |\n|---|---|---:|---:|---|---|",
    none: "尚无记录。",
};

fn num(h: f64) -> String {
    let s = format!("{h:.1}");
    s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
}

pub struct Report<'a> {
    pub catalog: &'a Catalog,
    pub events: &'a [Event],
    pub plan: Option<&'a Plan>,
    pub streak: Streak,
    pub lang: &'a str,
    pub now: NaiveDateTime,
}

pub fn write(r: &Report) -> String {
    let w = if r.lang.starts_with("zh") { &ZH } else { &EN };
    let c = r.catalog;
    let skill = |id: &str| escape(c.skill(id).map(|s| s.name.get(r.lang)).unwrap_or(id));
    let mut out = format!(
        "# {} · {}\n\n",
        w.title,
        pathwise_core::stamp::minutes(r.now)
    );

    let profile = pathwise_core::profile::derive(r.events);
    let levels = profile.vector(c);
    out.push_str(&format!("## {}\n\n{}\n", w.fit, w.fit_head));
    for f in pathwise_core::fit::rank(c, &levels) {
        let name = c
            .role(&f.role)
            .map(|x| x.name.get(r.lang))
            .unwrap_or(&f.role);
        out.push_str(&format!(
            "| {} | {:.0}% | {}/{} | {} |\n",
            escape(name),
            f.fit,
            f.met,
            f.total,
            num(f.hours_to_close)
        ));
    }

    out.push_str(&format!("\n## {}", w.plan));
    match r.plan {
        None => out.push_str(&format!("\n\n{}\n", w.no_plan)),
        Some(p) => {
            let role = c
                .role(&p.role)
                .map(|x| x.name.get(r.lang))
                .unwrap_or(&p.role);
            out.push_str(&format!(": {}\n\n", escape(role)));
            out.push_str(
                &w.plan_line
                    .replace("{start}", &p.input.start.to_string())
                    .replace("{finish}", &p.finish.to_string())
                    .replace("{weekly}", &num(p.weekly_hours))
                    .replace("{total}", &num(p.total_hours)),
            );
            if let Some(d) = p.input.deadline {
                let verdict = match p.meets_deadline {
                    Some(false) => w.misses,
                    _ => w.meets,
                };
                out.push_str(&format!(
                    " · {} ({verdict})",
                    w.deadline.replace("{deadline}", &d.to_string())
                ));
            }
            out.push_str(&format!("\n\n{}\n", w.plan_head));
            let progress = item_progress(p, r.events);
            for (i, (item, pr)) in p.items.iter().zip(&progress).enumerate() {
                let status = match (pr.done_on, pr.logged_hours > 0.0) {
                    (Some(d), _) => format!("{} {d}", w.done_on),
                    (None, true) => format!("{} {}", num(pr.logged_hours), w.logged),
                    (None, false) if item.done => w.done_on.trim_end().to_owned(),
                    _ => w.planned.to_owned(),
                };
                out.push_str(&format!(
                    "| {} | {} | {} | {} | {} | {} | {} |\n",
                    i + 1,
                    skill(&item.skill),
                    item.level,
                    num(item.hours),
                    item.start,
                    item.due,
                    status
                ));
            }
        }
    }

    out.push_str(&format!("\n## {}\n\n", w.progress));
    let hours: f64 = r.events.iter().map(|e| e.hours).sum();
    out.push_str(
        &w.totals
            .replace("{events}", &r.events.len().to_string())
            .replace("{hours}", &num(hours))
            .replace("{current}", &r.streak.current.to_string())
            .replace("{longest}", &r.streak.longest.to_string()),
    );
    out.push_str(&format!("\n\n### {}\n\n", w.recent));
    if r.events.is_empty() {
        out.push_str(w.none);
        out.push('\n');
    } else {
        out.push_str(w.recent_head);
        out.push('\n');
        for e in r.events.iter().rev().take(RECENT) {
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                e.date,
                skill(&e.skill),
                e.level,
                num(e.hours),
                escape(&e.note),
                escape(e.evidence.as_deref().unwrap_or(""))
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_cannot_become_markup() {
        let hostile = "<img src=x onerror=alert(1)> | [x](javascript:alert(1)) **b**\n# h";
        let e = escape(hostile);
        assert!(!e.contains('<') && !e.contains('\n'));
        assert!(!e.contains("](") && !e.contains("**"));
        // Every pipe is escaped, so a table row keeps its column count.
        assert_eq!(e.matches('|').count(), e.matches("\\|").count());
    }
}
