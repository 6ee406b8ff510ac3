//! Forecast invariants over generated plans, logs and histories.

use chrono::{Days, NaiveDate};
use pathwise_core::forecast::{forecast, Forecast, History};
use pathwise_core::plan::{plan, Plan, PlanInput};
use pathwise_core::profile::{Event, EventKind};
use pathwise_core::status::{plan_status, PlanStatus};
use pathwise_core::synthetic;
use proptest::prelude::*;

const SAMPLES: usize = 300;

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
}

prop_compose! {
    fn inputs()(
        start in 0u64..60,
        weekly in proptest::array::uniform7(prop_oneof![Just(0.0), 0.25f64..6.0]),
        holidays in proptest::collection::vec(0u64..200, 0..15),
        deadline in proptest::option::of(0u64..200),
    ) -> PlanInput {
        let mut weekly = weekly;
        if weekly.iter().all(|h| *h == 0.0) { weekly[4] = 1.0; }
        let start_day = base() + Days::new(start);
        PlanInput {
            start: start_day,
            weekly_hours: weekly,
            holidays: holidays.into_iter().map(|d| base() + Days::new(d)).collect(),
            deadline: deadline.map(|d| start_day + Days::new(d)),
        }
    }
}

fn make(skills: usize, seed: u64, role: usize, input: &PlanInput) -> Plan {
    let c = synthetic::catalog(skills, 3, seed);
    let lv = synthetic::levels(&c, seed ^ 0x5EED);
    plan(&c, &lv, &c.roles[role].id, input).unwrap()
}

/// A log over the plan's steps: for each pick (item, fraction, reached), work on that
/// item's skill at the level below it, reaching it or not.
fn log(plan: &Plan, picks: &[(usize, f64, bool)]) -> Vec<Event> {
    picks
        .iter()
        .enumerate()
        .filter(|_| !plan.items.is_empty())
        .map(|(i, &(item, fraction, reached))| {
            let item = &plan.items[item % plan.items.len()];
            Event {
                id: i as i64,
                date: plan.input.start + Days::new(i as u64),
                skill: item.skill.to_string(),
                level: item.level - u8::from(!reached),
                hours: item.hours * fraction,
                note: String::new(),
                evidence: None,
                kind: EventKind::Work,
            }
        })
        .collect()
}

fn run(p: &Plan, s: &PlanStatus, h: &History, today: NaiveDate, seed: u64) -> Forecast {
    forecast(p, s, h, today, SAMPLES, seed)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// With nothing learned yet and the plan not started, the median finish is the plan's
    /// own: the fast path packs exactly as the scheduler does.
    #[test]
    fn no_history_gives_the_plan_finish(
        skills in 2usize..60, seed in 0u64..1000, role in 0usize..8,
        input in inputs(), before in 0u64..10, sample_seed in any::<u64>(),
    ) {
        let p = make(skills, seed, role, &input);
        let today = input.start - Days::new(before);
        let s = plan_status(&p, &[], today);
        let f = run(&p, &s, &History::default(), today, sample_seed);
        if p.items.iter().any(|i| i.hours > 0.0) {
            prop_assert_eq!(f.p50, p.finish);
        }
        prop_assert!(f.p80 >= f.p50);
        prop_assert!(!f.from_history);
    }

    /// Slower steps or fewer hours studied never bring the finish earlier; p80 ≥ p50.
    #[test]
    fn slower_or_less_never_finishes_earlier(
        skills in 2usize..40, seed in 0u64..1000, role in 0usize..8, input in inputs(),
        picks in proptest::collection::vec((0usize..1000, 0.0f64..3.0, any::<bool>()), 0..12),
        today_offset in 0u64..90,
        steps in proptest::collection::vec(0.05f64..8.0, 0..12),
        weeks in proptest::collection::vec(0.0f64..2.5, 0..12),
        slower in 1.0f64..4.0, less in 0.0f64..1.0, sample_seed in any::<u64>(),
    ) {
        let p = make(skills, seed, role, &input);
        let events = log(&p, &picks);
        let today = input.start + Days::new(today_offset);
        let s = plan_status(&p, &events, today);
        let h = History { step_ratios: steps.clone(), week_ratios: weeks.clone() };
        let f = run(&p, &s, &h, today, sample_seed);
        prop_assert!(f.p80 >= f.p50);
        let slow = History { step_ratios: steps.iter().map(|r| r * slower).collect(), ..h.clone() };
        let g = run(&p, &s, &slow, today, sample_seed);
        prop_assert!(g.p50 >= f.p50 && g.p80 >= f.p80, "{f:?} {g:?}");
        prop_assert!(g.p80 >= g.p50);
        let lazy = History { week_ratios: weeks.iter().map(|r| r * less).collect(), ..h.clone() };
        let g = run(&p, &s, &lazy, today, sample_seed);
        prop_assert!(g.p50 >= f.p50 && g.p80 >= f.p80, "{f:?} {g:?}");
        if let (Some(a), Some(b)) = (f.deadline_probability, g.deadline_probability) {
            prop_assert!(b <= a);
        }
    }

    /// Moving the deadline earlier never makes it likelier; one seed, one answer.
    #[test]
    fn earlier_deadlines_are_never_likelier_and_seeds_repeat(
        skills in 2usize..40, seed in 0u64..1000, role in 0usize..8, input in inputs(),
        picks in proptest::collection::vec((0usize..1000, 0.0f64..3.0, any::<bool>()), 0..12),
        steps in proptest::collection::vec(0.05f64..8.0, 0..6),
        weeks in proptest::collection::vec(0.0f64..2.5, 0..6),
        today_offset in 0u64..60, deadline in 0u64..300, earlier in 1u64..60,
        sample_seed in any::<u64>(),
    ) {
        let mut p = make(skills, seed, role, &input);
        let events = log(&p, &picks);
        let today = input.start + Days::new(today_offset);
        let s = plan_status(&p, &events, today);
        let h = History { step_ratios: steps, week_ratios: weeks };
        p.input.deadline = Some(input.start + Days::new(deadline));
        let late = run(&p, &s, &h, today, sample_seed);
        prop_assert_eq!(&late, &run(&p, &s, &h, today, sample_seed));
        p.input.deadline = p.input.deadline.map(|d| d - Days::new(earlier));
        let early = run(&p, &s, &h, today, sample_seed);
        prop_assert!(early.deadline_probability <= late.deadline_probability);
        // The deadline does not change the dates.
        prop_assert_eq!((early.p50, early.p80), (late.p50, late.p80));
    }
}
