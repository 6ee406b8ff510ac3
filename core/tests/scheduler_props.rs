//! Scheduler invariants over generated catalogs, profiles and calendars.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Days, NaiveDate};
use pathwise_core::fit::gap;
use pathwise_core::plan::{plan, replan, segments, ItemProgress, Plan, PlanInput};
use pathwise_core::synthetic;
use proptest::prelude::*;

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
}

prop_compose! {
    fn inputs()(
        start in 0u64..400,
        weekly in proptest::array::uniform7(prop_oneof![Just(0.0), 0.25f64..6.0]),
        holidays in proptest::collection::vec(0u64..500, 0..20),
        deadline in proptest::option::of(0u64..900),
    ) -> PlanInput {
        let mut weekly = weekly;
        if weekly.iter().all(|h| *h == 0.0) { weekly[2] = 1.5; }
        let start_day = base() + Days::new(start);
        PlanInput {
            start: start_day,
            weekly_hours: weekly,
            holidays: holidays.into_iter().map(|d| base() + Days::new(d)).collect(),
            deadline: deadline.map(|d| start_day + Days::new(d)),
        }
    }
}

struct Case {
    plan: Plan,
    gap_ids: Vec<String>,
    input: PlanInput,
}

fn make(skills: usize, seed: u64, role: usize, input: PlanInput) -> Case {
    let c = synthetic::catalog(skills, 3, seed);
    let lv = synthetic::levels(&c, seed ^ 0xABCD);
    let role_id = c.roles[role].id.clone();
    let plan = plan(&c, &lv, &role_id, &input).unwrap();
    let gap_ids = gap(&c, &lv, &role_id)
        .unwrap()
        .steps
        .into_iter()
        .map(|s| s.id)
        .collect();
    Case {
        plan,
        gap_ids,
        input,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn plans_keep_every_invariant(skills in 2usize..40, seed in any::<u64>(), role in 0usize..8, input in inputs()) {
        let Case { plan, gap_ids, input } = make(skills, seed, role, input);
        let ids: Vec<String> = plan.items.iter().map(|it| it.id()).collect();
        let by_id: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();

        // Every gap step is scheduled exactly once.
        prop_assert_eq!(by_id.len(), plan.items.len());
        let scheduled: HashSet<&str> = by_id.keys().copied().collect();
        let wanted: HashSet<&str> = gap_ids.iter().map(|s| s.as_str()).collect();
        prop_assert_eq!(scheduled, wanted);

        for (i, item) in plan.items.iter().enumerate() {
            // Dates never run backwards, and nothing starts before the plan.
            prop_assert!(item.start <= item.due);
            prop_assert!(item.start >= input.start);
            if i > 0 {
                prop_assert!(plan.items[i - 1].due <= item.start);
            }
            // Every prerequisite step is due before its dependent starts, and listed earlier.
            for &d in &item.after {
                let d = d as usize;
                prop_assert!(d < i);
                prop_assert!(plan.items[d].due <= item.start);
            }
        }

        // The levels of one skill come in order (that edge is implied, not in `after`).
        let mut last_level: HashMap<&str, u8> = HashMap::new();
        for item in &plan.items {
            let prev = last_level.insert(&*item.skill, item.level);
            prop_assert!(prev.is_none_or(|p| p + 1 == item.level), "{} after {:?}", item.id(), prev);
        }

        // No day gets more hours than it has; holidays get none.
        let mut per_day: HashMap<NaiveDate, u32> = HashMap::new();
        for s in segments(&plan).unwrap() {
            *per_day.entry(s.day).or_default() += s.minutes;
        }
        let holidays: HashSet<NaiveDate> = input.holidays.iter().copied().collect();
        for (day, m) in per_day {
            let cap = (input.weekly_hours[day.weekday().num_days_from_monday() as usize] * 60.0).round() as u32;
            prop_assert!(m <= cap, "{} has {} of {} minutes", day, m, cap);
            prop_assert!(!holidays.contains(&day));
        }
        if let (Some(deadline), Some(meets)) = (input.deadline, plan.meets_deadline) {
            prop_assert_eq!(meets, plan.finish <= deadline);
        }
    }

    #[test]
    fn the_same_inputs_give_the_same_plan(skills in 2usize..40, seed in any::<u64>(), role in 0usize..8, input in inputs()) {
        let a = make(skills, seed, role, input.clone()).plan;
        let b = make(skills, seed, role, input).plan;
        prop_assert_eq!(a, b);
    }

    #[test]
    fn replanning_a_plan_on_track_changes_nothing(skills in 2usize..40, seed in any::<u64>(), role in 0usize..8, input in inputs(), at in 0u64..200) {
        let plan = make(skills, seed, role, input).plan;
        let today = plan.input.start + Days::new(at);
        // Progress exactly as planned up to (not including) `today`.
        let mut done_minutes: HashMap<usize, u32> = HashMap::new();
        for s in segments(&plan).unwrap() {
            if s.day < today {
                *done_minutes.entry(s.item).or_default() += s.minutes;
            }
        }
        let progress: Vec<ItemProgress> = plan.items.iter().enumerate().map(|(i, item)| {
            let m = done_minutes.get(&i).copied().unwrap_or(0);
            let total = (item.hours * 60.0).round() as u32;
            if item.due < today && m >= total {
                ItemProgress { id: item.id(), done_on: Some(item.due), ..Default::default() }
            } else {
                ItemProgress {
                    id: item.id(),
                    done_on: None,
                    logged_hours: m as f64 / 60.0,
                    first_logged: (m > 0).then_some(item.start),
                }
            }
        }).collect();
        let again = replan(&plan, &progress, today).unwrap();
        for (a, b) in plan.items.iter().zip(&again.items) {
            prop_assert_eq!((a.id(), a.start, a.due), (b.id(), b.start, b.due));
            prop_assert_eq!(b.slip_days, 0);
        }
        prop_assert_eq!(again.finish, plan.finish);
        prop_assert_eq!(again.slip_days, 0);
    }
}
