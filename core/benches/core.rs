//! Budgets (2-core machine): plan for 10,000 skills / 50,000 edges ≤ 10 ms; ranking all
//! roles against a 10,000-skill profile ≤ 1 ms; the built-in catalog in microseconds; a
//! 5,000-sample forecast of the largest built-in plan ≤ 20 ms, of a 1,000-step plan
//! ≤ 200 ms.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use pathwise_core::forecast::{forecast, History};
use pathwise_core::plan::{assemble, plan, Plan, PlanInput};
use pathwise_core::status::plan_status;
use pathwise_core::{fit, synthetic};

fn input() -> PlanInput {
    PlanInput {
        start: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        weekly_hours: [8.0; 7],
        holidays: vec![],
        deadline: NaiveDate::from_ymd_opt(2030, 1, 1),
    }
}

fn builtin(c: &mut Criterion) {
    let cat = pathwise_core::builtin();
    let levels = vec![1u8; cat.skills.len()];
    c.bench_function("builtin/rank (fit, carries, hours to close)", |b| {
        b.iter(|| fit::rank(black_box(cat), black_box(&levels)))
    });
    c.bench_function("builtin/plan data_engineer", |b| {
        b.iter(|| {
            plan(
                black_box(cat),
                black_box(&levels),
                "data_engineer",
                &input(),
            )
            .unwrap()
        })
    });
}

fn generated(c: &mut Criterion) {
    for n in [1_000usize, 10_000] {
        let cat = synthetic::catalog(n, 5, 42);
        let levels = synthetic::levels(&cat, 7);
        let edges: usize = cat.skills.iter().map(|s| s.prerequisites.len()).sum();
        let zero = vec![0u8; cat.skills.len()];
        let steps = plan(&cat, &zero, "role0", &input()).unwrap().items.len();
        eprintln!(
            "{n} skills: {edges} prerequisite edges; the full plan from zero has {steps} steps"
        );
        c.bench_function(&format!("{n} skills/rank all roles"), |b| {
            b.iter(|| fit::rank_values(black_box(&cat), black_box(&levels)))
        });
        c.bench_function(&format!("{n} skills/rank with hours to close"), |b| {
            b.iter(|| fit::rank(black_box(&cat), black_box(&levels)))
        });
        c.bench_function(&format!("{n} skills/plan every skill from zero"), |b| {
            b.iter(|| plan(black_box(&cat), black_box(&zero), "role0", &input()).unwrap())
        });
        c.bench_function(&format!("{n} skills/plan from a random profile"), |b| {
            b.iter(|| plan(black_box(&cat), black_box(&levels), "role0", &input()).unwrap())
        });
    }
}

/// A history with some of everything, so no branch is skipped.
fn some_history() -> History {
    History {
        step_ratios: vec![1.4, 0.8, 2.1, 1.1, 0.9],
        week_ratios: vec![0.7, 1.0, 0.4],
    }
}

fn bench_forecast(c: &mut Criterion, name: &str, p: &Plan) {
    let today = p.input.start;
    let status = plan_status(p, &[], today);
    let history = some_history();
    eprintln!("{name}: {} steps, {} h", p.items.len(), p.total_hours);
    c.bench_function(name, |b| {
        b.iter(|| {
            forecast(
                black_box(p),
                black_box(&status),
                black_box(&history),
                today,
                5_000,
                42,
            )
        })
    });
}

fn forecasts(c: &mut Criterion) {
    let cat = pathwise_core::builtin();
    let zero = vec![0u8; cat.skills.len()];
    let largest = cat
        .roles
        .iter()
        .filter_map(|r| plan(cat, &zero, &r.id, &input()).ok())
        .max_by_key(|p| p.items.len())
        .expect("the built-in catalog has roles");
    bench_forecast(c, "forecast/builtin_largest_from_zero", &largest);

    let gen = synthetic::catalog(1_000, 5, 42);
    let zero = vec![0u8; gen.skills.len()];
    let full = plan(&gen, &zero, "role0", &input()).unwrap();
    let steps = full.items[..1_000].to_vec();
    let thousand = assemble("role0", &full.input, full.packed_from, steps).unwrap();
    bench_forecast(c, "forecast/1000_steps", &thousand);
}

criterion_group!(benches, builtin, generated, forecasts);
criterion_main!(benches);
