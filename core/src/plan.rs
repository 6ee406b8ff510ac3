//! Scheduling: the gap's steps in a topological order (prerequisites first, then
//! importance × missing levels, then skill id and level), packed one after another into
//! the hours available on each weekday from a start date.

use std::collections::{BinaryHeap, HashMap, HashSet};
use std::sync::Arc;

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::fit::{gap_steps, step_id};

/// How far ahead a plan may reach before it is refused as unreasonable.
pub(crate) const HORIZON_YEARS: u32 = 100;

/// What a plan is made from, besides the catalog and the profile.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct PlanInput {
    pub start: NaiveDate,
    /// Hours available on Monday, Tuesday, … Sunday.
    pub weekly_hours: [f64; 7],
    /// Days with no study time at all (holidays).
    #[serde(default)]
    pub holidays: Vec<NaiveDate>,
    #[serde(default)]
    pub deadline: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct PlanItem {
    /// Shared with the catalog: a 30,000-step plan makes no copies of skill ids.
    #[ts(type = "string")]
    pub skill: Arc<str>,
    pub level: u8,
    pub hours: f64,
    /// Hours still to do (less than `hours` when partial work was logged).
    pub remaining_hours: f64,
    pub prerequisite: bool,
    pub importance: u8,
    pub start: NaiveDate,
    pub due: NaiveDate,
    /// Positions in `Plan::items` of the prerequisite items that must be done before this
    /// one starts (always earlier in the list). The previous level of the same skill is
    /// implied and not listed.
    pub after: Vec<u32>,
    pub done: bool,
    /// Days this item's due date moved at the last re-plan (positive: later).
    pub slip_days: i64,
}

impl PlanItem {
    /// `skill@level`: the same step keeps the same id across re-plans and exports. It is
    /// derived rather than stored, since skill and level already say it.
    pub fn id(&self) -> String {
        step_id(&self.skill, self.level)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct Plan {
    pub role: String,
    pub input: PlanInput,
    /// The day the remaining items were packed from (the start, or the re-plan day).
    pub packed_from: NaiveDate,
    pub items: Vec<PlanItem>,
    pub total_hours: f64,
    /// The last due date (the start when there is nothing to learn).
    pub finish: NaiveDate,
    /// None without a deadline.
    pub meets_deadline: Option<bool>,
    pub weekly_hours: f64,
    /// Weekly hours (spread over the same weekdays) that would finish by the deadline;
    /// None without a deadline or when no day before it has hours.
    pub weekly_hours_needed: Option<f64>,
    /// Days the finish moved at the last re-plan (positive: later).
    pub slip_days: i64,
}

/// What the log says about one plan item, for re-planning.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, TS)]
pub struct ItemProgress {
    pub id: String,
    /// The day the item's level was reached, if it was.
    pub done_on: Option<NaiveDate>,
    /// Hours logged towards it without reaching its level yet.
    pub logged_hours: f64,
    /// The first day such hours were logged.
    pub first_logged: Option<NaiveDate>,
}

pub(crate) fn minutes(hours: f64) -> u32 {
    (hours * 60.0).round().max(0.0) as u32
}

fn hours(minutes: u64) -> f64 {
    minutes as f64 / 60.0
}

/// Checks the availability part of an input; shared by planning and re-planning.
fn check_input(input: &PlanInput) -> Result<[u32; 7]> {
    let mut cap = [0u32; 7];
    for (i, h) in input.weekly_hours.iter().enumerate() {
        crate::value::check_day_hours(*h)
            .map_err(|p| Error::InvalidInput(p.within(&format!("weekly_hours[{i}]"))))?;
        cap[i] = minutes(*h);
    }
    if cap.iter().all(|&m| m == 0) {
        return Err(Error::NoAvailability);
    }
    if let Some(deadline) = input.deadline {
        if input.start > deadline {
            return Err(Error::StartAfterDeadline {
                start: input.start,
                deadline,
            });
        }
    }
    Ok(cap)
}

/// The day-by-day capacity of an input.
pub(crate) struct Calendar {
    cap: [u32; 7],
    holidays: HashSet<NaiveDate>,
}

impl Calendar {
    /// The calendar of an input as it is, unchecked: for a plan that already exists.
    pub(crate) fn of(input: &PlanInput) -> Calendar {
        Calendar {
            cap: input.weekly_hours.map(minutes),
            holidays: input.holidays.iter().copied().collect(),
        }
    }

    pub(crate) fn minutes_on(&self, day: NaiveDate) -> u32 {
        if !self.holidays.is_empty() && self.holidays.contains(&day) {
            0
        } else {
            self.cap[day.weekday().num_days_from_monday() as usize]
        }
    }

    fn between(&self, from: NaiveDate, to: NaiveDate) -> u64 {
        from.iter_days()
            .take_while(|d| *d <= to)
            .map(|d| self.minutes_on(d) as u64)
            .sum()
    }
}

/// Minutes of one item on one day; what packing produced, for charts and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    pub item: usize,
    pub day: NaiveDate,
    pub minutes: u32,
}

/// Packs items of the given minutes one after another from `from`. Returns each item's
/// (start, due) and, when asked, the per-day segments.
fn pack(
    cal: &Calendar,
    from: NaiveDate,
    work: &[u32],
    mut segments: Option<&mut Vec<Segment>>,
) -> Result<Vec<(NaiveDate, NaiveDate)>> {
    let horizon = from
        .checked_add_months(chrono::Months::new(12 * HORIZON_YEARS))
        .unwrap_or(NaiveDate::MAX);
    let mut out = Vec::with_capacity(work.len());
    let mut day = from;
    let mut left = cal.minutes_on(day);
    for (i, &need) in work.iter().enumerate() {
        if need == 0 {
            out.push((day, day));
            continue;
        }
        let mut remaining = need;
        let mut start = None;
        loop {
            while left == 0 {
                day = day.checked_add_days(Days::new(1)).unwrap_or(NaiveDate::MAX);
                if day > horizon {
                    return Err(Error::BeyondHorizon(horizon));
                }
                left = cal.minutes_on(day);
            }
            start.get_or_insert(day);
            let take = left.min(remaining);
            left -= take;
            remaining -= take;
            if let Some(s) = segments.as_deref_mut() {
                s.push(Segment {
                    item: i,
                    day,
                    minutes: take,
                });
            }
            if remaining == 0 {
                out.push((start.unwrap_or(day), day));
                break;
            }
        }
    }
    Ok(out)
}

/// A step in the scheduler's graph. The steps of one skill are consecutive, lowest
/// level first, and `head` is the index of that skill's first step.
#[derive(Clone, Copy)]
struct Node {
    skill: u32,
    level: u8,
    head: u32,
}

impl Node {
    fn skill(&self) -> usize {
        self.skill as usize
    }

    fn head(&self) -> usize {
        self.head as usize
    }
}

/// The step graph: nodes, plus the prerequisite edges in compressed form (the edge from a
/// step to the next level of the same skill is implicit). Flat arrays of 32-bit indices
/// rather than a vector per node: a 10,000-skill plan has 30,000 steps and must stay in
/// milliseconds, which is mostly a matter of cache misses.
struct Graph {
    nodes: Vec<Node>,
    /// Per skill index, its first node (u32::MAX when nothing is missing).
    first: Vec<u32>,
    /// Successors through prerequisite edges: `succ[offset[n]..offset[n + 1]]`.
    offset: Vec<u32>,
    succ: Vec<u32>,
}

impl Graph {
    fn build(catalog: &Catalog, levels: &[u8], st: &crate::fit::Steps) -> Graph {
        let total: usize = st
            .skills
            .iter()
            .map(|&s| (st.target[s] - levels[s]) as usize)
            .sum();
        let mut nodes = Vec::with_capacity(total);
        let mut first = vec![u32::MAX; catalog.skills.len()];
        for &s in &st.skills {
            let head = nodes.len() as u32;
            first[s] = head;
            for level in levels[s] + 1..=st.target[s] {
                nodes.push(Node {
                    skill: s as u32,
                    level,
                    head,
                });
            }
        }
        let mut graph = Graph {
            nodes,
            first,
            offset: Vec::new(),
            succ: Vec::new(),
        };
        let mut count = vec![0u32; graph.nodes.len() + 1];
        for &s in &st.skills {
            graph.for_each_prereq(catalog, levels, s, |p| count[p + 1] += 1);
        }
        for i in 1..count.len() {
            count[i] += count[i - 1];
        }
        let mut fill = count.clone();
        let mut succ = vec![0u32; count[graph.nodes.len()] as usize];
        for &s in &st.skills {
            let head = graph.first[s];
            graph.for_each_prereq(catalog, levels, s, |p| {
                succ[fill[p] as usize] = head;
                fill[p] += 1;
            });
        }
        graph.offset = count;
        graph.succ = succ;
        graph
    }

    fn node_of(&self, levels: &[u8], skill: usize, level: u8) -> usize {
        self.first[skill] as usize + (level - levels[skill] - 1) as usize
    }

    fn successors(&self, n: usize) -> &[u32] {
        &self.succ[self.offset[n] as usize..self.offset[n + 1] as usize]
    }

    /// Calls `f` with each step that must be done before skill `s` starts.
    fn for_each_prereq(
        &self,
        catalog: &Catalog,
        levels: &[u8],
        s: usize,
        mut f: impl FnMut(usize),
    ) {
        for (p, lp) in catalog.prereqs(s) {
            if lp > levels[p] {
                f(self.node_of(levels, p, lp));
            }
        }
    }

    /// Calls `f` with each direct predecessor of node `n`.
    fn for_each_pred(&self, catalog: &Catalog, levels: &[u8], n: usize, mut f: impl FnMut(usize)) {
        let node = self.nodes[n];
        if n == node.head() {
            self.for_each_prereq(catalog, levels, node.skill(), f);
        } else {
            f(n - 1);
        }
    }
}

/// A step in learning order, with the positions of the prerequisite steps it waits for.
type OrderedStep = (Node, Vec<u32>);

/// The steps of the gap to `role`, in the order they should be learned, each with the
/// positions (in that order) of the steps it waits for.
fn ordered_steps(
    catalog: &Catalog,
    levels: &[u8],
    role: usize,
) -> Result<(Vec<OrderedStep>, crate::fit::Steps)> {
    let st = gap_steps(catalog, levels, role);
    let g = Graph::build(catalog, levels, &st);
    let len = g.nodes.len();
    let mut indegree = vec![0u32; len];
    for (n, node) in g.nodes.iter().enumerate() {
        if n != node.head() {
            indegree[n] += 1;
        }
    }
    for &to in &g.succ {
        indegree[to as usize] += 1;
    }
    // Ready steps, heaviest first: importance × missing levels, then skill id, then
    // level. Packed into one integer, highest first, so the heap compares a single word:
    // weight (≤ 25) in the top bits, then the id rank and level inverted; the low 32 bits
    // carry the node (id rank and level already make the order total).
    let key = |n: usize| -> u64 {
        let s = g.nodes[n].skill();
        let weight = st.importance[s] as u64 * (st.target[s] - levels[s]) as u64;
        let rank = ((1u64 << 24) - 1) - catalog.id_rank[s] as u64;
        let level = 7 - g.nodes[n].level as u64;
        (weight << 59) | (rank << 35) | (level << 32) | n as u64
    };
    let mut ready: BinaryHeap<u64> = (0..len).filter(|&n| indegree[n] == 0).map(key).collect();
    let mut order = Vec::with_capacity(len);
    while let Some(k) = ready.pop() {
        let n = (k & u32::MAX as u64) as usize;
        order.push(n);
        let next_level = (n + 1 < len && g.nodes[n + 1].head == g.nodes[n].head).then_some(n + 1);
        for m in next_level
            .into_iter()
            .chain(g.successors(n).iter().map(|&m| m as usize))
        {
            indegree[m] -= 1;
            if indegree[m] == 0 {
                ready.push(key(m));
            }
        }
    }
    if order.len() < len {
        return Err(Error::Cycle(find_cycle(catalog, levels, &g, &indegree)));
    }
    let mut position = vec![0u32; len];
    for (i, &n) in order.iter().enumerate() {
        position[n] = i as u32;
    }
    let ordered = order
        .iter()
        .map(|&n| {
            let mut after = Vec::new();
            if n == g.nodes[n].head() {
                g.for_each_prereq(catalog, levels, g.nodes[n].skill(), |p| {
                    after.push(position[p])
                });
            }
            (g.nodes[n], after)
        })
        .collect();
    Ok((ordered, st))
}

/// A cycle among the steps Kahn's algorithm could not order, as step ids.
fn find_cycle(catalog: &Catalog, levels: &[u8], g: &Graph, indegree: &[u32]) -> Vec<String> {
    let stuck = |n: usize| indegree[n] > 0;
    let mut at = (0..g.nodes.len()).find(|&n| stuck(n)).unwrap_or(0);
    let mut seen: HashMap<usize, usize> = HashMap::new();
    let mut path = Vec::new();
    // Every stuck node has a stuck predecessor, so walking backwards must revisit a node.
    while !seen.contains_key(&at) {
        seen.insert(at, path.len());
        path.push(at);
        let mut next = None;
        g.for_each_pred(catalog, levels, at, |p| {
            if next.is_none() && stuck(p) {
                next = Some(p);
            }
        });
        match next {
            Some(p) => at = p,
            None => break,
        }
    }
    let from = seen.get(&at).copied().unwrap_or(0);
    let mut cycle: Vec<String> = path[from..]
        .iter()
        .rev()
        .map(|&n| step_id(&catalog.skills[g.nodes[n].skill()].id, g.nodes[n].level))
        .collect();
    if let Some(first) = cycle.first().cloned() {
        cycle.push(first);
    }
    cycle
}

fn summarize(
    role: &str,
    input: &PlanInput,
    packed_from: NaiveDate,
    items: Vec<PlanItem>,
    cal: &Calendar,
) -> Plan {
    let total: u64 = items.iter().map(|i| minutes(i.hours) as u64).sum();
    let remaining: u64 = items
        .iter()
        .filter(|i| !i.done)
        .map(|i| minutes(i.remaining_hours) as u64)
        .sum();
    let finish = items.iter().map(|i| i.due).max().unwrap_or(input.start);
    let weekly: f64 = input.weekly_hours.iter().sum();
    let (meets_deadline, weekly_hours_needed) = match input.deadline {
        None => (None, None),
        Some(deadline) => {
            let capacity = cal.between(packed_from, deadline);
            let needed = (capacity > 0).then(|| {
                // Half-hour steps: what a person would actually set.
                let exact = weekly * remaining as f64 / capacity as f64;
                (exact * 2.0).ceil() / 2.0
            });
            (Some(finish <= deadline), needed)
        }
    };
    Plan {
        role: role.to_owned(),
        input: input.clone(),
        packed_from,
        items,
        total_hours: hours(total),
        finish,
        meets_deadline,
        weekly_hours: weekly,
        weekly_hours_needed,
        slip_days: 0,
    }
}

/// A plan from stored items: recomputes the summary (finish, verdict, weekly hours
/// needed) so a saved plan reads exactly as a fresh one.
pub fn assemble(
    role: &str,
    input: &PlanInput,
    packed_from: NaiveDate,
    items: Vec<PlanItem>,
) -> Result<Plan> {
    let cap = check_input(&PlanInput {
        deadline: None,
        ..input.clone()
    })?;
    let cal = Calendar {
        cap,
        holidays: input.holidays.iter().copied().collect(),
    };
    Ok(summarize(role, input, packed_from, items, &cal))
}

/// A dated plan for the gap between `levels` and `role_id`.
pub fn plan(catalog: &Catalog, levels: &[u8], role_id: &str, input: &PlanInput) -> Result<Plan> {
    let role = catalog
        .role_idx(role_id)
        .ok_or_else(|| Error::UnknownRole(role_id.to_owned()))?;
    let cap = check_input(input)?;
    let cal = Calendar {
        cap,
        holidays: input.holidays.iter().copied().collect(),
    };
    let (steps, st) = ordered_steps(catalog, levels, role)?;
    let work: Vec<u32> = steps
        .iter()
        .map(|(n, _)| catalog.minutes[n.skill()][n.level as usize - 1])
        .collect();
    let dates = pack(&cal, input.start, &work, None)?;
    let items = steps
        .into_iter()
        .enumerate()
        .map(|(i, (n, after))| PlanItem {
            skill: catalog.shared_ids[n.skill()].clone(),
            level: n.level,
            hours: hours(work[i] as u64),
            remaining_hours: hours(work[i] as u64),
            prerequisite: n.level > st.direct[n.skill()],
            importance: st.importance[n.skill()],
            start: dates[i].0,
            due: dates[i].1,
            after,
            done: false,
            slip_days: 0,
        })
        .collect();
    Ok(summarize(role_id, input, input.start, items, &cal))
}

/// Re-plans `previous` from `today`: done items stay done (dated when they were done),
/// logged partial hours shorten their items, and everything left is packed again from
/// today (or the plan's start, if that is later). Each item reports how far its due date
/// moved, and the plan how far its finish moved.
pub fn replan(previous: &Plan, progress: &[ItemProgress], today: NaiveDate) -> Result<Plan> {
    let cap = check_input(&PlanInput {
        deadline: None,
        ..previous.input.clone()
    })?;
    let cal = Calendar {
        cap,
        holidays: previous.input.holidays.iter().copied().collect(),
    };
    let by_id: HashMap<&str, &ItemProgress> = progress.iter().map(|p| (p.id.as_str(), p)).collect();
    let from = today.max(previous.input.start);
    let mut items = previous.items.clone();
    let mut open = Vec::new();
    let mut work = Vec::new();
    for (i, item) in items.iter_mut().enumerate() {
        let p = by_id.get(item.id().as_str());
        if let Some(done_on) = p.and_then(|p| p.done_on) {
            item.done = true;
            item.remaining_hours = 0.0;
            item.slip_days = (done_on - previous.items[i].due).num_days();
            item.start = item.start.min(done_on);
            item.due = done_on;
            continue;
        }
        let logged = p.map(|p| minutes(p.logged_hours)).unwrap_or(0);
        let left = minutes(item.hours).saturating_sub(logged);
        item.done = false;
        item.remaining_hours = hours(left as u64);
        open.push(i);
        work.push(left);
    }
    let dates = pack(&cal, from, &work, None)?;
    for (k, &i) in open.iter().enumerate() {
        let item = &mut items[i];
        let started = by_id
            .get(item.id().as_str())
            .and_then(|p| p.first_logged)
            .filter(|_| minutes(item.remaining_hours) < minutes(item.hours));
        item.start = match started {
            Some(day) => day.min(dates[k].0),
            None => dates[k].0,
        };
        item.due = dates[k].1;
        item.slip_days = (item.due - previous.items[i].due).num_days();
    }
    let mut plan = summarize(&previous.role, &previous.input, from, items, &cal);
    plan.slip_days = (plan.finish - previous.finish).num_days();
    Ok(plan)
}

/// Per-day minutes of each item of a fresh plan (how `plan` packed them); used by the
/// planned line of charts and by tests.
pub fn segments(plan: &Plan) -> Result<Vec<Segment>> {
    let cap = check_input(&PlanInput {
        deadline: None,
        ..plan.input.clone()
    })?;
    let cal = Calendar {
        cap,
        holidays: plan.input.holidays.iter().copied().collect(),
    };
    let work: Vec<u32> = plan
        .items
        .iter()
        .map(|i| {
            if i.done {
                0
            } else {
                minutes(i.remaining_hours)
            }
        })
        .collect();
    let mut out = Vec::new();
    pack(&cal, plan.packed_from, &work, Some(&mut out))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Category, Pack, Prerequisite, Requirement, Role, Skill, Source, Text};

    fn skill(id: &str, pre: &str) -> Skill {
        Skill {
            id: id.into(),
            category: "c".into(),
            name: Text {
                en: id.into(),
                zh: String::new(),
            },
            description: Text::default(),
            hours: vec![1.0; 5],
            levels: Vec::new(),
            hours_basis: Default::default(),
            prerequisites: vec![Prerequisite {
                skill: pre.into(),
                level: 1,
            }],
            resources: vec![],
            custom: false,
        }
    }

    #[test]
    fn a_gap_that_cannot_be_ordered_names_the_cycle() {
        // Validation rejects such a catalog; the scheduler must still fail cleanly if one
        // ever reaches it.
        let pack = Pack {
            format_version: 1,
            categories: vec![Category {
                id: "c".into(),
                name: Text::default(),
            }],
            skills: vec![skill("x", "z"), skill("y", "x"), skill("z", "y")],
            roles: vec![Role {
                id: "r".into(),
                name: Text::default(),
                summary: Text::default(),
                responsibilities: vec![],
                requirements: vec![Requirement {
                    skill: "x".into(),
                    level: 1,
                    importance: 3,
                    source: Source::User,
                    note: String::new(),
                }],
                custom: true,
            }],
        };
        let catalog = Catalog::index(pack);
        let input = PlanInput {
            start: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
            weekly_hours: [1.0; 7],
            holidays: vec![],
            deadline: None,
        };
        let err = plan(&catalog, &[0, 0, 0], "r", &input).unwrap_err();
        let Error::Cycle(path) = &err else {
            panic!("{err:?}")
        };
        assert_eq!(path.len(), 4, "{path:?}");
        assert_eq!(path.first(), path.last());
        assert!(err.to_string().contains("cycle"), "{err}");
    }
}
