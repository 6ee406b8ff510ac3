//! Fit of a profile to a role, the ranking of all roles, hours to each role, and the gap.
//!
//! Fit = Σ importance × min(current, required) / Σ importance × required, as a percentage:
//! the importance-weighted share of required levels met, each skill capped at its
//! required level so overshooting one skill cannot hide a shortfall in another.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::catalog::{Catalog, Need};
use crate::error::{Error, Result};

/// How much one required skill adds to (or keeps from) a role's fit.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct Contribution {
    pub skill: String,
    pub current: u8,
    pub required: u8,
    pub importance: u8,
    /// Percentage points of fit this skill provides (carries) or withholds (holds back).
    pub points: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct RoleFit {
    pub role: String,
    /// 0–100.
    pub fit: f64,
    /// Σ importance × min(current, required).
    pub met: u32,
    /// Σ importance × required.
    pub total: u32,
    /// The skills that add most to the fit, largest first (at most three).
    pub carries: Vec<Contribution>,
    /// The skills whose shortfall costs most, largest first (at most three).
    pub holds_back: Vec<Contribution>,
    /// Hours to close this role's whole gap, prerequisites included.
    pub hours_to_close: f64,
}

/// The fit formula, as the app states it next to the numbers.
pub const FORMULA: &str =
    "fit = Σ importance × min(your level, required level) ÷ Σ importance × required level";

fn weigh(needs: &[Need], levels: &[u8]) -> (u32, u32) {
    needs.iter().fold((0, 0), |(met, total), n| {
        let have = levels[n.skill].min(n.level) as u32;
        (
            met + n.importance as u32 * have,
            total + n.importance as u32 * n.level as u32,
        )
    })
}

fn percent(met: u32, total: u32) -> f64 {
    if total == 0 {
        100.0
    } else {
        met as f64 * 100.0 / total as f64
    }
}

/// The fit to one role, as a number only (the hot path of ranking and replays).
pub fn fit_value(catalog: &Catalog, levels: &[u8], role: usize) -> f64 {
    let (met, total) = weigh(&catalog.needs[role], levels);
    percent(met, total)
}

/// The full fit of one role, with what carries it and what holds it back.
pub fn role_fit(catalog: &Catalog, levels: &[u8], role: usize) -> RoleFit {
    let needs = &catalog.needs[role];
    let (met, total) = weigh(needs, levels);
    let contribution = |n: &Need, units: u32| Contribution {
        skill: catalog.skills[n.skill].id.clone(),
        current: levels[n.skill],
        required: n.level,
        importance: n.importance,
        points: if total == 0 {
            0.0
        } else {
            units as f64 * 100.0 / total as f64
        },
    };
    let mut carries: Vec<Contribution> = needs
        .iter()
        .map(|n| contribution(n, n.importance as u32 * levels[n.skill].min(n.level) as u32))
        .filter(|c| c.points > 0.0)
        .collect();
    let mut holds_back: Vec<Contribution> = needs
        .iter()
        .map(|n| {
            let short = n.level.saturating_sub(levels[n.skill]) as u32;
            contribution(n, n.importance as u32 * short)
        })
        .filter(|c| c.points > 0.0)
        .collect();
    let by_points = |a: &Contribution, b: &Contribution| {
        b.points
            .partial_cmp(&a.points)
            .unwrap_or(Ordering::Equal)
            .then_with(|| a.skill.cmp(&b.skill))
    };
    crate::order::sort_by(&mut carries, by_points);
    crate::order::sort_by(&mut holds_back, by_points);
    carries.truncate(3);
    holds_back.truncate(3);
    RoleFit {
        role: catalog.roles[role].id.clone(),
        fit: percent(met, total),
        met,
        total,
        carries,
        holds_back,
        hours_to_close: gap_steps(catalog, levels, role).total_minutes as f64 / 60.0,
    }
}

/// Every role, best fit first; ties go to the role whose id sorts first, which stays the
/// same when a catalog is reordered.
pub fn rank(catalog: &Catalog, levels: &[u8]) -> Vec<RoleFit> {
    let mut fits: Vec<RoleFit> = (0..catalog.roles.len())
        .map(|r| role_fit(catalog, levels, r))
        .collect();
    crate::order::sort_by(&mut fits, |a, b| {
        b.fit
            .partial_cmp(&a.fit)
            .unwrap_or(Ordering::Equal)
            .then_with(|| a.role.cmp(&b.role))
    });
    fits
}

/// Only the ranked (role index, fit) pairs: what the ranking benchmark budgets.
pub fn rank_values(catalog: &Catalog, levels: &[u8]) -> Vec<(usize, f64)> {
    let mut fits: Vec<(usize, f64)> = (0..catalog.roles.len())
        .map(|r| (r, fit_value(catalog, levels, r)))
        .collect();
    fits.sort_by(|a, b| {
        b.1.partial_cmp(&a.1)
            .unwrap_or(Ordering::Equal)
            .then_with(|| catalog.roles[a.0].id.cmp(&catalog.roles[b.0].id))
    });
    fits
}

/// One missing (skill, level) step.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct GapStep {
    /// Stable identity, `skill@level`; plan items and calendar entries keep it.
    pub id: String,
    pub skill: String,
    /// The level this step reaches.
    pub level: u8,
    pub hours: f64,
    /// True when the role does not ask for this step itself but a required skill needs it
    /// as a prerequisite.
    pub prerequisite: bool,
    /// The importance the step inherits: its requirement's, or for a prerequisite the
    /// highest of the skills that pull it in.
    pub importance: u8,
}

/// A skill's row in the gap table: current → required level, and its steps' hours.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct GapSkill {
    pub skill: String,
    pub current: u8,
    /// The level the role asks for (0 when the skill is only a prerequisite).
    pub required: u8,
    /// The level to reach, prerequisites included.
    pub target: u8,
    pub importance: u8,
    pub hours: f64,
    pub prerequisite_only: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct Gap {
    pub role: String,
    pub skills: Vec<GapSkill>,
    pub steps: Vec<GapStep>,
    pub total_hours: f64,
    pub required_hours: f64,
    pub prerequisite_hours: f64,
}

/// The gap in index form, shared by `gap` and the scheduler. Dense vectors indexed by
/// skill: a plan over 10,000 skills must not pay for hashing.
pub(crate) struct Steps {
    /// Skills with something missing, in ascending index order.
    pub skills: Vec<usize>,
    /// The level to reach, prerequisites included (meaningful for `skills`).
    pub target: Vec<u8>,
    /// The level the role itself asks for (0 when it does not).
    pub direct: Vec<u8>,
    pub importance: Vec<u8>,
    pub total_minutes: u64,
}

pub(crate) fn gap_steps(catalog: &Catalog, levels: &[u8], role: usize) -> Steps {
    let n = catalog.skills.len();
    let mut target = vec![0u8; n];
    let mut direct = vec![0u8; n];
    let mut importance = vec![0u8; n];
    let mut work: Vec<usize> = Vec::new();
    for need in &catalog.needs[role] {
        let s = need.skill;
        direct[s] = direct[s].max(need.level);
        importance[s] = importance[s].max(need.importance);
        if need.level > levels[s] && need.level > target[s] {
            target[s] = need.level;
            work.push(s);
        }
    }
    // Pull in missing prerequisites until nothing changes; targets and importances only
    // ever rise and are bounded, so this ends even on a cyclic user catalog.
    while let Some(s) = work.pop() {
        let imp = importance[s].max(1);
        for (p, lp) in catalog.prereqs(s) {
            if lp <= levels[p] {
                continue;
            }
            let raised_importance = imp > importance[p];
            importance[p] = importance[p].max(imp);
            if lp > target[p] {
                target[p] = lp;
                work.push(p);
            } else if raised_importance {
                work.push(p);
            }
        }
    }
    let skills: Vec<usize> = (0..n).filter(|&s| target[s] > levels[s]).collect();
    let total_minutes = skills
        .iter()
        .map(|&s| {
            (levels[s] + 1..=target[s])
                .map(|l| catalog.minutes[s][l as usize - 1] as u64)
                .sum::<u64>()
        })
        .sum();
    Steps {
        skills,
        target,
        direct,
        importance,
        total_minutes,
    }
}

/// Hours to close every role's gap, in catalog order: which role is quickest to reach.
pub fn hours_to_roles(catalog: &Catalog, levels: &[u8]) -> Vec<(String, f64)> {
    (0..catalog.roles.len())
        .map(|r| {
            (
                catalog.roles[r].id.clone(),
                gap_steps(catalog, levels, r).total_minutes as f64 / 60.0,
            )
        })
        .collect()
}

pub(crate) fn step_id(skill: &str, level: u8) -> String {
    // Built by hand: plans create tens of thousands of these.
    let mut id = String::with_capacity(skill.len() + 2);
    id.push_str(skill);
    id.push('@');
    id.push(char::from(b'0' + level.min(9)));
    id
}

/// The gap to a role: every missing step, prerequisites marked, largest weight first.
pub fn gap(catalog: &Catalog, levels: &[u8], role_id: &str) -> Result<Gap> {
    let role = catalog
        .role_idx(role_id)
        .ok_or_else(|| Error::UnknownRole(role_id.to_owned()))?;
    let st = gap_steps(catalog, levels, role);
    let mut skills = st.skills.clone();
    // Heaviest first: importance × missing levels, then id for a stable order.
    crate::order::sort_by(&mut skills, |&a, &b| {
        let wa = st.importance[a] as u32 * (st.target[a] - levels[a]) as u32;
        let wb = st.importance[b] as u32 * (st.target[b] - levels[b]) as u32;
        wb.cmp(&wa)
            .then_with(|| catalog.id_rank[a].cmp(&catalog.id_rank[b]))
    });
    let mut out_skills = Vec::new();
    let mut steps = Vec::new();
    let (mut required, mut prereq) = (0u64, 0u64);
    for s in skills {
        let id = &catalog.skills[s].id;
        let direct = st.direct[s];
        let target = st.target[s];
        let mut minutes = 0u64;
        for level in levels[s] + 1..=target {
            let m = catalog.minutes[s][level as usize - 1] as u64;
            minutes += m;
            let is_prereq = level > direct;
            if is_prereq {
                prereq += m;
            } else {
                required += m;
            }
            steps.push(GapStep {
                id: step_id(id, level),
                skill: id.clone(),
                level,
                hours: m as f64 / 60.0,
                prerequisite: is_prereq,
                importance: st.importance[s],
            });
        }
        out_skills.push(GapSkill {
            skill: id.clone(),
            current: levels[s],
            required: direct,
            target,
            importance: st.importance[s],
            hours: minutes as f64 / 60.0,
            prerequisite_only: direct <= levels[s],
        });
    }
    Ok(Gap {
        role: role_id.to_owned(),
        skills: out_skills,
        steps,
        total_hours: (required + prereq) as f64 / 60.0,
        required_hours: required as f64 / 60.0,
        prerequisite_hours: prereq as f64 / 60.0,
    })
}
