//! A finish date that learns your pace.
//!
//! Two figures are learned from the log. **Pace** is how long a step takes against its
//! estimate: for each step reached by work, the hours logged towards it ÷ its planned
//! hours. **Capacity** is how much of the planned time is actually studied: for each past
//! week of the plan, the hours of work logged (on any skill) ÷ the hours the plan made
//! available that week. Both are ratios that multiply, and people are off by factors
//! ("twice as long"), not by fixed amounts, so each is modelled on the log scale:
//! `ln ratio ~ Normal(θ, σ²)` with a prior `θ ~ Normal(0, τ²)`, updated in closed form
//! (normal–normal conjugacy). The prior mean 0 is a ratio of 1: until the log says
//! otherwise, the catalog's estimates and the user's weekly hours are taken at their word,
//! so with no history the forecast is the plan.
//!
//! The numbers: τ = 0.35 for pace (a typical estimate is right within ×0.7–×1.4) and
//! τ = 0.3 for capacity (people mostly study roughly what they said); σ = 0.5 for one
//! observation (a single step or week often runs ×0.6–×1.6 for reasons that do not
//! repeat). So about two observations weigh as much as the prior: for pace, one finished
//! step moves the estimate a third of the way (on the log scale) to the user's own ratio
//! and ten steps five sixths of the way; for capacity one week moves it a quarter of the
//! way and ten weeks four fifths. One odd step or week cannot swing the forecast, and a
//! steady habit takes it over within a few weeks. Single
//! observations are clamped before the logarithm (pace ×0.1–×10, capacity ×0.05–×3) so a
//! step logged with a minute's work, or an empty week, stays a finite, bounded vote.
//!
//! The forecast draws, per sample, one pace multiplier `m` and one capacity multiplier
//! `c`: ln m from the posterior of θ widened by the noise of the steps still to do (σ²
//! times Σhᵢ²/(Σhᵢ)², which is σ²/n for n equal steps: many small steps average out, one
//! big step does not), and ln c from the posterior of θ (the weeks still to come average
//! out). `c` is kept within ×0.05–×3 of the planned hours (more than three times the
//! planned time is not a pace anyone keeps) and `m` within ×0.1–×10. Draws come in
//! antithetic pairs (z and −z), so with no history the samples are symmetric about the
//! plan and the median is the plan's own finish.
//!
//! Packing is one item after another with no idle day, so the finish is the first day by
//! which the available minutes reach the remaining ones: with `m` and `c` it is the first
//! day by which `A(d) ≥ (m / c) × R`, where A is the cumulative availability at the
//! planned hours and R the remaining minutes. The finish is thus monotone in `k = m / c`,
//! and the date quantiles are the dates of the quantiles of k: one sort, then a binary
//! search in a cumulative table built once.

use std::collections::BTreeMap;

use chrono::{Days, Months, NaiveDate};
use rand::SeedableRng;
use rand_distr::{Distribution, StandardNormal};
use rand_pcg::Pcg64Mcg;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::plan::{minutes, Calendar, Plan, HORIZON_YEARS};
use crate::profile::Event;
use crate::replay::monday_of;
use crate::status::{ItemState, PlanStatus};

/// Prior spread of ln(pace): the catalog's estimates are right within ×0.7–×1.4, mostly.
pub const PACE_PRIOR_SD: f64 = 0.35;
/// Prior spread of ln(capacity): people mostly study about what they planned.
pub const CAPACITY_PRIOR_SD: f64 = 0.3;
/// Spread of one observed ln ratio (one step, one week) around the user's typical one.
pub const OBSERVATION_SD: f64 = 0.5;
/// Bounds of one pace ratio and of the pace multiplier.
pub const PACE_RANGE: (f64, f64) = (0.1, 10.0);
/// Bounds of one week's capacity ratio and of the capacity multiplier.
pub const CAPACITY_RANGE: (f64, f64) = (0.05, 3.0);
/// The standard normal's 90th percentile: estimates report the 10th–90th.
const Z90: f64 = 1.281_551_565_545;

/// What the log says about the user's pace and capacity so far.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, TS)]
pub struct History {
    /// Per step reached by work: hours logged towards it ÷ its planned hours.
    pub step_ratios: Vec<f64>,
    /// Per past week of the plan: hours of work ÷ hours available.
    pub week_ratios: Vec<f64>,
}

/// A multiplier's central value and its 10th–90th percentile range.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, TS)]
pub struct Estimate {
    pub median: f64,
    pub low: f64,
    pub high: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct Forecast {
    /// Half the samples finish by this day.
    pub p50: NaiveDate,
    /// Four in five samples finish by this day.
    pub p80: NaiveDate,
    /// Share of samples that finish by the deadline; None without one.
    pub deadline_probability: Option<f64>,
    /// Hours a step takes per planned hour (above 1: slower than estimated).
    pub pace: Estimate,
    /// Hours studied per hour planned.
    pub capacity: Estimate,
    pub steps_observed: u32,
    pub weeks_observed: u32,
    /// False when nothing was observed: the forecast is then the plan.
    pub from_history: bool,
    /// Weekly hours (same weekday shape, scaled) that would bring the 80 % date to the
    /// deadline at the pace learned so far, with capacity back at its prior: choosing new
    /// hours is a new commitment, and how well it is kept is measured afresh from then on
    /// (so this is what the forecast says right after that re-plan). None without a
    /// deadline or when it is met already.
    pub weekly_hours_to_meet_deadline: Option<f64>,
    /// The 80 % date when the deadline is missed.
    pub reachable_deadline: Option<NaiveDate>,
}

/// The observations for a forecast. Steps count whenever they were done (a step reached
/// by a self-assessment says nothing about pace). Weeks count from the week of the plan's
/// start to the week before today's; the weeks between `made` and the start count only
/// when work was logged in them, since not studying before the planned start is no
/// shortfall, while studying ahead of it is a figure of its own.
pub fn history(
    plan: &Plan,
    status: &PlanStatus,
    events: &[Event],
    made: NaiveDate,
    today: NaiveDate,
) -> History {
    history_from(
        plan,
        status,
        events,
        made,
        made.min(plan.input.start),
        today,
    )
}

/// `history`, with the weeks before `hours_from` (the day the plan's weekly hours last
/// changed) left out of capacity: a week is measured against the hours planned for it,
/// and once the user commits to other hours, the weeks before say nothing about keeping
/// the new ones. Steps keep counting for pace whenever they were done.
pub fn history_from(
    plan: &Plan,
    status: &PlanStatus,
    events: &[Event],
    made: NaiveDate,
    hours_from: NaiveDate,
    today: NaiveDate,
) -> History {
    let step_ratios = plan
        .items
        .iter()
        .zip(&status.items)
        .filter(|(item, s)| {
            s.state == ItemState::Done
                && !s.by_assessment
                && item.hours > 0.0
                && s.logged_hours > 0.0
        })
        .map(|(item, s)| s.logged_hours / item.hours)
        .collect();
    let from = made.min(plan.input.start);
    let end = monday_of(today);
    let mut weeks: BTreeMap<NaiveDate, (f64, u64)> = BTreeMap::new();
    for e in events {
        if e.date >= from && e.date < end && e.work_hours() > 0.0 {
            weeks.entry(monday_of(e.date)).or_default().0 += e.work_hours();
        }
    }
    let cal = Calendar::of(&plan.input);
    let start_week = monday_of(plan.input.start);
    for day in from.iter_days().take_while(|d| *d < end) {
        let week = monday_of(day);
        if week >= start_week || weeks.contains_key(&week) {
            weeks.entry(week).or_default().1 += cal.minutes_on(day) as u64;
        }
    }
    let first_week = monday_of(hours_from);
    let week_ratios = weeks
        .into_iter()
        .filter(|&(week, (_, available))| {
            available > 0 && (hours_from <= plan.input.start || week >= first_week)
        })
        .map(|(_, w)| w)
        .map(|(studied, available)| studied * 60.0 / available as f64)
        .collect();
    History {
        step_ratios,
        week_ratios,
    }
}

/// The posterior of θ (mean and sd of the typical ln ratio) after `ratios`.
fn posterior(ratios: &[f64], prior_sd: f64, range: (f64, f64)) -> (f64, f64) {
    let sum: f64 = ratios.iter().map(|r| r.clamp(range.0, range.1).ln()).sum();
    let precision = prior_sd.powi(-2) + ratios.len() as f64 * OBSERVATION_SD.powi(-2);
    (
        sum * OBSERVATION_SD.powi(-2) / precision,
        precision.recip().sqrt(),
    )
}

fn estimate((mean, sd): (f64, f64), range: (f64, f64)) -> Estimate {
    let at = |z: f64| (mean + z * sd).exp().clamp(range.0, range.1);
    Estimate {
        median: at(0.0),
        low: at(-Z90),
        high: at(Z90),
    }
}

/// Minutes available day by day from a first day, at the planned weekly hours; grown on
/// demand up to the scheduler's horizon.
struct Availability {
    cal: Calendar,
    from: NaiveDate,
    horizon: NaiveDate,
    /// `cum[i]`: minutes available from `from` through `from + i` days.
    cum: Vec<u64>,
}

impl Availability {
    fn new(plan: &Plan, from: NaiveDate) -> Availability {
        Availability {
            cal: Calendar::of(&plan.input),
            from,
            horizon: from
                .checked_add_months(Months::new(12 * HORIZON_YEARS))
                .unwrap_or(NaiveDate::MAX),
            cum: Vec::new(),
        }
    }

    fn day(&self, i: usize) -> NaiveDate {
        self.from
            .checked_add_days(Days::new(i as u64))
            .unwrap_or(NaiveDate::MAX)
    }

    fn grow(&mut self) -> bool {
        let day = self.day(self.cum.len());
        if day > self.horizon {
            return false;
        }
        let before = self.cum.last().copied().unwrap_or(0);
        self.cum.push(before + self.cal.minutes_on(day) as u64);
        true
    }

    /// Minutes available from the first day through `day`.
    fn through(&mut self, day: NaiveDate) -> u64 {
        if day < self.from {
            return 0;
        }
        let i = (day - self.from).num_days() as usize;
        while self.cum.len() <= i && self.grow() {}
        self.cum.get(i).or(self.cum.last()).copied().unwrap_or(0)
    }

    /// The first day by which `need` minutes are available; the horizon if none is.
    fn finish(&mut self, need: f64) -> NaiveDate {
        while self.cum.last().is_none_or(|&c| (c as f64) < need) && self.grow() {}
        let i = self.cum.partition_point(|&c| (c as f64) < need);
        if i == self.cum.len() {
            self.horizon
        } else {
            self.day(i)
        }
    }
}

/// The quantile `q` of sorted values: the mean of the two middle ones for the median of
/// an even count (so a symmetric sample has its centre exactly), else the order statistic.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let n = sorted.len();
    if q == 0.5 && n.is_multiple_of(2) {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    } else {
        sorted[((q * n as f64).ceil() as usize).clamp(1, n) - 1]
    }
}

/// When the plan's open items will be done, learned from `history`: a Monte Carlo over
/// pace and capacity (see the module's doc), deterministic for a `seed`. `samples` is
/// rounded up to an even count of at least two (antithetic pairs).
pub fn forecast(
    plan: &Plan,
    status: &PlanStatus,
    history: &History,
    today: NaiveDate,
    samples: usize,
    seed: u64,
) -> Forecast {
    let pace_post = posterior(&history.step_ratios, PACE_PRIOR_SD, PACE_RANGE);
    let capacity_post = posterior(&history.week_ratios, CAPACITY_PRIOR_SD, CAPACITY_RANGE);
    let steps_observed = history.step_ratios.len() as u32;
    let weeks_observed = history.week_ratios.len() as u32;
    let base = Forecast {
        p50: today,
        p80: today,
        deadline_probability: None,
        pace: estimate(pace_post, PACE_RANGE),
        capacity: estimate(capacity_post, CAPACITY_RANGE),
        steps_observed,
        weeks_observed,
        from_history: steps_observed > 0 || weeks_observed > 0,
        weekly_hours_to_meet_deadline: None,
        reachable_deadline: None,
    };
    let deadline = plan.input.deadline;
    // Remaining minutes per open item, rounded as the re-planner rounds them.
    let left: Vec<u64> = plan
        .items
        .iter()
        .zip(&status.items)
        .filter(|(_, s)| s.state != ItemState::Done)
        .map(|(item, s)| minutes(item.hours).saturating_sub(minutes(s.logged_hours)) as u64)
        .filter(|&m| m > 0)
        .collect();
    let total: u64 = left.iter().sum();
    if total == 0 {
        let last = status.items.iter().filter_map(|s| s.done_on).max();
        let day = last.unwrap_or(today);
        let met = deadline.map(|d| day <= d);
        return Forecast {
            p50: day,
            p80: day,
            deadline_probability: met.map(|m| if m { 1.0 } else { 0.0 }),
            reachable_deadline: (met == Some(false)).then_some(day),
            ..base
        };
    }
    let r = total as f64;
    let spread = left.iter().map(|&m| (m as f64).powi(2)).sum::<f64>() / (r * r);
    let pace_sd = (pace_post.1.powi(2) + OBSERVATION_SD.powi(2) * spread).sqrt();
    let (pace_lo, pace_hi) = (PACE_RANGE.0.ln(), PACE_RANGE.1.ln());
    let (cap_lo, cap_hi) = (CAPACITY_RANGE.0.ln(), CAPACITY_RANGE.1.ln());
    let mut rng = Pcg64Mcg::seed_from_u64(seed);
    let pairs = samples.div_ceil(2).max(1);
    // ln k = ln m − ln c per sample.
    let mut ln_k = Vec::with_capacity(pairs * 2);
    // ln k with capacity at its prior: what a fresh commitment to new hours faces.
    let mut ln_fresh = Vec::with_capacity(pairs * 2);
    for _ in 0..pairs {
        let zm: f64 = StandardNormal.sample(&mut rng);
        let zc: f64 = StandardNormal.sample(&mut rng);
        for sign in [1.0, -1.0] {
            let ln_m = (pace_post.0 + sign * zm * pace_sd).clamp(pace_lo, pace_hi);
            let ln_c = (capacity_post.0 + sign * zc * capacity_post.1).clamp(cap_lo, cap_hi);
            ln_k.push(ln_m - ln_c);
            ln_fresh.push(ln_m - (sign * zc * CAPACITY_PRIOR_SD).clamp(cap_lo, cap_hi));
        }
    }
    crate::order::sort_by(&mut ln_k, f64::total_cmp);
    crate::order::sort_by(&mut ln_fresh, f64::total_cmp);
    let need = |ln_k: f64| ln_k.exp() * r;
    let from = today.max(plan.input.start);
    let mut avail = Availability::new(plan, from);
    let k50 = quantile(&ln_k, 0.5);
    let k80 = quantile(&ln_k, 0.8);
    let p50 = avail.finish(need(k50));
    let p80 = avail.finish(need(k80));
    let mut out = Forecast { p50, p80, ..base };
    if let Some(deadline) = deadline {
        let by_deadline = avail.through(deadline) as f64;
        let met = ln_k.partition_point(|&k| need(k) <= by_deadline);
        out.deadline_probability = Some(met as f64 / ln_k.len() as f64);
        if p80 > deadline {
            out.reachable_deadline = Some(p80);
            out.weekly_hours_to_meet_deadline = (by_deadline > 0.0).then(|| {
                let weekly: f64 = plan.input.weekly_hours.iter().sum();
                let fresh80 = need(quantile(&ln_fresh, 0.8));
                // Half-hour steps, rounded up, as the scheduler offers them.
                (weekly * fresh80 / by_deadline * 2.0).ceil() / 2.0
            });
        }
    }
    out
}
