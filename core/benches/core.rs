//! Budgets (2-core machine): plan for 10,000 skills / 50,000 edges ≤ 10 ms; ranking all
//! roles against a 10,000-skill profile ≤ 1 ms; the built-in catalog in microseconds.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use pathwise_core::plan::{plan, PlanInput};
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

criterion_group!(benches, builtin, generated);
criterion_main!(benches);
