//! The few words the shell itself shows (the reminder notification and the tray menu),
//! in English and Simplified Chinese. The page has its own i18n; these are drawn by the
//! desktop, outside it.

use pathwise_app::services::reminder::StepNote;
use pathwise_core::value::Lang;

/// The language chosen in the settings, else the system's (Chinese when the locale says
/// so, English otherwise), as the page decides it.
pub fn lang(chosen: Option<Lang>) -> Lang {
    chosen.unwrap_or_else(|| {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        if locale.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    })
}

/// Hours as a person writes them: 1.5, 2 (never 2.0 or 1.4999).
fn hours(h: f64) -> String {
    let rounded = (h * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

fn step_name(note: &StepNote, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} → {}", note.skill.en, note.level.en),
        Lang::Zh => format!("{} → {}", zh(&note.skill), zh(&note.level)),
    }
}

/// A Chinese name, or the English one where a user's own entry has none.
fn zh(text: &pathwise_core::text::Text) -> &str {
    if text.zh.is_empty() {
        &text.en
    } else {
        &text.zh
    }
}

pub fn notification_title(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Time for today's step",
        Lang::Zh => "该学习今天的步骤了",
    }
}

pub fn notification_body(note: &StepNote, lang: Lang) -> String {
    let name = step_name(note, lang);
    let today = note.hours_today > 0.0;
    match (lang, today) {
        (Lang::En, true) => format!("{name}: {} h planned today", hours(note.hours_today)),
        (Lang::En, false) => format!("{name}: {} h left (late)", hours(note.remaining_hours)),
        (Lang::Zh, true) => format!("{name}：今天计划 {} 小时", hours(note.hours_today)),
        (Lang::Zh, false) => format!(
            "{name}：还剩 {} 小时（已逾期）",
            hours(note.remaining_hours)
        ),
    }
}

pub fn tray_step(note: Option<&StepNote>, lang: Lang) -> String {
    match (note, lang) {
        (Some(n), Lang::En) => format!("Today: {}", step_name(n, lang)),
        (Some(n), Lang::Zh) => format!("今天：{}", step_name(n, lang)),
        (None, Lang::En) => "Nothing due today".to_owned(),
        (None, Lang::Zh) => "今天没有要做的步骤".to_owned(),
    }
}

pub fn tray_open(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Open Pathwise",
        Lang::Zh => "打开 Pathwise",
    }
}

pub fn tray_quit(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Quit",
        Lang::Zh => "退出",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pathwise_core::text::Text;

    fn note(hours_today: f64, remaining_hours: f64) -> StepNote {
        StepNote {
            step: "python@3".into(),
            skill: Text {
                en: "Python".into(),
                zh: "Python 编程".into(),
            },
            level: Text {
                en: "Competent".into(),
                zh: "胜任".into(),
            },
            hours_today,
            remaining_hours,
        }
    }

    #[test]
    fn the_notification_names_the_step_and_its_hours_in_both_languages() {
        let cases = [
            (
                note(1.5, 6.0),
                Lang::En,
                "Python → Competent: 1.5 h planned today",
            ),
            (
                note(2.0, 6.0),
                Lang::Zh,
                "Python 编程 → 胜任：今天计划 2 小时",
            ),
            (
                note(0.0, 3.25),
                Lang::En,
                "Python → Competent: 3.3 h left (late)",
            ),
            (
                note(0.0, 4.0),
                Lang::Zh,
                "Python 编程 → 胜任：还剩 4 小时（已逾期）",
            ),
        ];
        for (n, lang, want) in cases {
            assert_eq!(notification_body(&n, lang), want);
        }
        assert_eq!(
            tray_step(Some(&note(1.0, 1.0)), Lang::En),
            "Today: Python → Competent"
        );
        assert_eq!(tray_step(None, Lang::Zh), "今天没有要做的步骤");
    }
}
