//! Roles, skills, prerequisites and resources: loading a catalog pack, validating it, and
//! indexing it for fast fit and planning.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::level::MAX_LEVEL;

/// The catalog pack format this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;
const MAX_ID_LEN: usize = 64;
const MAX_TEXT_LEN: usize = 2_000;
const MAX_HOURS_PER_LEVEL: f64 = 10_000.0;
const MAX_RESOURCES: usize = 10;
/// Far above any real catalog; keeps skill positions within the scheduler's 24-bit keys.
const MAX_SKILLS: usize = 1_000_000;

/// A text in both languages of the app. An empty `zh` falls back to `en`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq, Hash, TS)]
pub struct Text {
    pub en: String,
    #[serde(default)]
    pub zh: String,
}

impl Text {
    pub fn get(&self, lang: &str) -> &str {
        if lang.starts_with("zh") && !self.zh.is_empty() {
            &self.zh
        } else {
            &self.en
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct Category {
    pub id: String,
    pub name: Text,
}

/// Another skill that must reach `level` before this one is studied.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct Prerequisite {
    pub skill: String,
    pub level: u8,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct Resource {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct Skill {
    pub id: String,
    pub category: String,
    pub name: Text,
    #[serde(default)]
    pub description: Text,
    /// Hours to reach level 1, 2, 3, 4 and 5, each from the level below.
    pub hours: Vec<f64>,
    #[serde(default)]
    pub prerequisites: Vec<Prerequisite>,
    #[serde(default)]
    pub resources: Vec<Resource>,
    /// True for skills the user added; the built-in catalog never sets it.
    #[serde(default)]
    pub custom: bool,
}

/// Where a requirement comes from, so the catalog can be traced back to the article.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, TS)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// Stated by the source article.
    Article,
    /// Pathwise's own design (levels, foundations the article does not name).
    Pathwise,
    /// Added by the user.
    User,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct Requirement {
    pub skill: String,
    pub level: u8,
    pub importance: u8,
    pub source: Source,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct Role {
    pub id: String,
    pub name: Text,
    pub summary: Text,
    #[serde(default)]
    pub responsibilities: Vec<Text>,
    pub requirements: Vec<Requirement>,
    #[serde(default)]
    pub custom: bool,
}

/// The serialized form of a catalog: the built-in one and users' packs share it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct Pack {
    #[serde(default = "default_version")]
    pub format_version: u32,
    #[serde(default)]
    pub categories: Vec<Category>,
    #[serde(default)]
    pub skills: Vec<Skill>,
    #[serde(default)]
    pub roles: Vec<Role>,
}

fn default_version() -> u32 {
    FORMAT_VERSION
}

impl Pack {
    /// This pack with `extra`'s entries added, or replacing those with the same id.
    pub fn merged(mut self, extra: &Pack) -> Pack {
        merge_by_id(&mut self.categories, &extra.categories, |c| &c.id);
        merge_by_id(&mut self.skills, &extra.skills, |s| &s.id);
        merge_by_id(&mut self.roles, &extra.roles, |r| &r.id);
        self
    }
}

impl Default for Pack {
    /// An empty pack of the current format (a derived default would say version 0).
    fn default() -> Self {
        Pack {
            format_version: FORMAT_VERSION,
            categories: Vec::new(),
            skills: Vec::new(),
            roles: Vec::new(),
        }
    }
}

/// One thing wrong with a catalog, and where it is.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, TS)]
pub struct Problem {
    /// A path into the pack, such as `skills[3] (airflow).prerequisites[0]`.
    pub location: String,
    pub message: String,
}

pub fn describe(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("{}: {}", p.location, p.message))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A requirement with its skill resolved to an index into `Catalog::skills`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Need {
    pub skill: usize,
    pub level: u8,
    pub importance: u8,
}

/// A validated catalog with indexes; the only way to build one is through validation.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub categories: Vec<Category>,
    pub skills: Vec<Skill>,
    pub roles: Vec<Role>,
    skill_index: HashMap<String, usize>,
    role_index: HashMap<String, usize>,
    /// All prerequisites, resolved to (skill index, level), grouped by skill: skill `s`
    /// owns `prereq_list[prereq_start[s]..prereq_start[s + 1]]`. Flat for cache locality.
    prereq_start: Vec<u32>,
    prereq_list: Vec<(u32, u8)>,
    /// Per role: its requirements, resolved.
    pub(crate) needs: Vec<Vec<Need>>,
    /// Per skill: its position when skills are sorted by id (the stable tie-break).
    pub(crate) id_rank: Vec<u32>,
    /// Per skill: minutes to reach level 1..=5 from the level below.
    pub(crate) minutes: Vec<[u32; 5]>,
    /// Per skill: its id, shared, so tens of thousands of plan items need no copies.
    pub(crate) shared_ids: Vec<Arc<str>>,
}

impl Catalog {
    pub fn from_pack(pack: Pack) -> Result<Catalog> {
        let problems = validate(&pack);
        if !problems.is_empty() {
            return Err(Error::InvalidCatalog(problems));
        }
        Ok(Catalog::index(pack))
    }

    /// Parses and validates a pack from JSON text.
    pub fn from_json(json: &str) -> Result<Catalog> {
        Catalog::from_pack(parse_pack(json)?)
    }

    /// Indexes a pack without validating it: only for packs already validated, and for
    /// tests of what the scheduler does with a broken one.
    pub(crate) fn index(pack: Pack) -> Catalog {
        let skill_index: HashMap<String, usize> = pack
            .skills
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        let role_index = pack
            .roles
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        let mut prereq_start = Vec::with_capacity(pack.skills.len() + 1);
        let mut prereq_list = Vec::new();
        for s in &pack.skills {
            prereq_start.push(prereq_list.len() as u32);
            for p in &s.prerequisites {
                prereq_list.push((skill_index[&p.skill] as u32, p.level));
            }
        }
        prereq_start.push(prereq_list.len() as u32);
        let needs = pack
            .roles
            .iter()
            .map(|r| {
                r.requirements
                    .iter()
                    .map(|q| Need {
                        skill: skill_index[&q.skill],
                        level: q.level,
                        importance: q.importance,
                    })
                    .collect()
            })
            .collect();
        let mut order: Vec<usize> = (0..pack.skills.len()).collect();
        order.sort_by(|&a, &b| pack.skills[a].id.cmp(&pack.skills[b].id));
        let mut id_rank = vec![0u32; pack.skills.len()];
        for (rank, &i) in order.iter().enumerate() {
            id_rank[i] = rank as u32;
        }
        let minutes = pack
            .skills
            .iter()
            .map(|s| {
                let mut m = [0u32; 5];
                for (slot, h) in m.iter_mut().zip(&s.hours) {
                    *slot = hours_to_minutes(*h);
                }
                m
            })
            .collect();
        let shared_ids = pack
            .skills
            .iter()
            .map(|s| Arc::from(s.id.as_str()))
            .collect();
        Catalog {
            shared_ids,
            categories: pack.categories,
            skills: pack.skills,
            roles: pack.roles,
            skill_index,
            role_index,
            prereq_start,
            prereq_list,
            needs,
            id_rank,
            minutes,
        }
    }

    /// The prerequisites of skill `s` as (skill index, level).
    pub(crate) fn prereqs(&self, s: usize) -> impl Iterator<Item = (usize, u8)> + '_ {
        let range = self.prereq_start[s] as usize..self.prereq_start[s + 1] as usize;
        self.prereq_list[range]
            .iter()
            .map(|&(p, l)| (p as usize, l))
    }

    pub fn skill_idx(&self, id: &str) -> Option<usize> {
        self.skill_index.get(id).copied()
    }

    pub fn role_idx(&self, id: &str) -> Option<usize> {
        self.role_index.get(id).copied()
    }

    pub fn skill(&self, id: &str) -> Option<&Skill> {
        self.skill_idx(id).map(|i| &self.skills[i])
    }

    pub fn role(&self, id: &str) -> Option<&Role> {
        self.role_idx(id).map(|i| &self.roles[i])
    }

    /// The catalog as a pack again (for export and for merging).
    pub fn to_pack(&self) -> Pack {
        Pack {
            format_version: FORMAT_VERSION,
            categories: self.categories.clone(),
            skills: self.skills.clone(),
            roles: self.roles.clone(),
        }
    }

    /// This catalog extended by a user's pack. Entries in `extra` with an id that exists
    /// replace the existing entry, so a user can adjust a built-in skill; the result is
    /// validated as a whole.
    pub fn extended(&self, extra: &Pack) -> Result<Catalog> {
        Catalog::from_pack(self.to_pack().merged(extra))
    }
}

fn merge_by_id<T: Clone>(base: &mut Vec<T>, extra: &[T], id: impl Fn(&T) -> &String) {
    for item in extra {
        match base.iter().position(|b| id(b) == id(item)) {
            Some(i) => base[i] = item.clone(),
            None => base.push(item.clone()),
        }
    }
}

pub(crate) fn hours_to_minutes(hours: f64) -> u32 {
    (hours * 60.0).round().max(1.0) as u32
}

/// Parses a pack, reporting a wrong format version as a problem of its own.
pub fn parse_pack(json: &str) -> Result<Pack> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| Error::CatalogJson(e.to_string()))?;
    if let Some(v) = value.get("format_version") {
        match v.as_u64() {
            Some(n) if n == FORMAT_VERSION as u64 => {}
            _ => {
                return Err(Error::InvalidCatalog(vec![Problem {
                    location: "format_version".into(),
                    message: format!(
                        "is {v}, but this version of Pathwise reads format {FORMAT_VERSION}"
                    ),
                }]))
            }
        }
    }
    serde_json::from_value(value).map_err(|e| Error::CatalogJson(e.to_string()))
}

/// Every problem in a pack, each with where it is. Empty means valid.
pub fn validate(pack: &Pack) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut push = |location: String, message: String| out.push(Problem { location, message });

    if pack.skills.len() > MAX_SKILLS {
        push(
            "skills".into(),
            format!("at most {MAX_SKILLS} skills, found {}", pack.skills.len()),
        );
    }
    let category_ids = check_ids(
        pack.categories.iter().map(|c| c.id.as_str()),
        "categories",
        &mut push,
    );
    let skill_ids = check_ids(
        pack.skills.iter().map(|s| s.id.as_str()),
        "skills",
        &mut push,
    );
    check_ids(pack.roles.iter().map(|r| r.id.as_str()), "roles", &mut push);

    for (i, c) in pack.categories.iter().enumerate() {
        check_text(
            &c.name,
            &format!("categories[{i}] ({}).name", c.id),
            true,
            &mut push,
        );
    }
    for (i, s) in pack.skills.iter().enumerate() {
        let at = format!("skills[{i}] ({})", s.id);
        check_text(&s.name, &format!("{at}.name"), true, &mut push);
        check_text(
            &s.description,
            &format!("{at}.description"),
            false,
            &mut push,
        );
        if !category_ids.contains(s.category.as_str()) {
            push(
                format!("{at}.category"),
                format!("unknown category `{}`", s.category),
            );
        }
        if s.hours.len() != MAX_LEVEL as usize {
            push(
                format!("{at}.hours"),
                format!(
                    "needs 5 numbers (hours to reach levels 1 to 5), found {}",
                    s.hours.len()
                ),
            );
        }
        for (j, h) in s.hours.iter().enumerate() {
            if !h.is_finite() || *h <= 0.0 || *h > MAX_HOURS_PER_LEVEL {
                push(
                    format!("{at}.hours[{j}]"),
                    format!("must be more than 0 and at most {MAX_HOURS_PER_LEVEL}, found {h}"),
                );
            }
        }
        let mut seen = HashSet::new();
        for (j, p) in s.prerequisites.iter().enumerate() {
            let pat = format!("{at}.prerequisites[{j}]");
            if !skill_ids.contains(p.skill.as_str()) {
                push(
                    format!("{pat}.skill"),
                    format!("unknown skill `{}`", p.skill),
                );
            } else if p.skill == s.id {
                push(
                    format!("{pat}.skill"),
                    "a skill cannot be its own prerequisite".into(),
                );
            }
            if !(1..=MAX_LEVEL).contains(&p.level) {
                push(
                    format!("{pat}.level"),
                    format!("must be 1 to 5, found {}", p.level),
                );
            }
            if !seen.insert(p.skill.as_str()) {
                push(pat, format!("`{}` is listed twice", p.skill));
            }
        }
        if s.resources.len() > MAX_RESOURCES {
            push(
                format!("{at}.resources"),
                format!(
                    "at most {MAX_RESOURCES} resources, found {}",
                    s.resources.len()
                ),
            );
        }
        for (j, r) in s.resources.iter().enumerate() {
            let rat = format!("{at}.resources[{j}]");
            if r.title.trim().is_empty() || r.title.len() > MAX_TEXT_LEN {
                push(
                    format!("{rat}.title"),
                    "must not be empty or longer than 2000 characters".into(),
                );
            }
            if !is_web_url(&r.url) {
                push(
                    format!("{rat}.url"),
                    format!("must be an http or https address, found `{}`", r.url),
                );
            }
        }
    }
    for (i, r) in pack.roles.iter().enumerate() {
        let at = format!("roles[{i}] ({})", r.id);
        check_text(&r.name, &format!("{at}.name"), true, &mut push);
        check_text(&r.summary, &format!("{at}.summary"), false, &mut push);
        for (j, t) in r.responsibilities.iter().enumerate() {
            check_text(t, &format!("{at}.responsibilities[{j}]"), true, &mut push);
        }
        if r.requirements.is_empty() {
            push(
                format!("{at}.requirements"),
                "a role needs at least one required skill".into(),
            );
        }
        let mut seen = HashSet::new();
        for (j, q) in r.requirements.iter().enumerate() {
            let qat = format!("{at}.requirements[{j}]");
            if !skill_ids.contains(q.skill.as_str()) {
                push(
                    format!("{qat}.skill"),
                    format!("unknown skill `{}`", q.skill),
                );
            }
            if !(1..=MAX_LEVEL).contains(&q.level) {
                push(
                    format!("{qat}.level"),
                    format!("must be 1 to 5, found {}", q.level),
                );
            }
            if !(1..=5).contains(&q.importance) {
                push(
                    format!("{qat}.importance"),
                    format!("must be 1 to 5, found {}", q.importance),
                );
            }
            if !seen.insert(q.skill.as_str()) {
                push(qat, format!("`{}` is required twice", q.skill));
            }
        }
    }
    for cycle in prerequisite_cycles(pack) {
        push(
            format!("skills ({})", cycle[0]),
            format!("prerequisites form a cycle: {}", cycle.join(" -> ")),
        );
    }
    out
}

pub fn is_web_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    matches!(rest, Some(r) if !r.is_empty() && !r.starts_with('/'))
        && url.len() <= MAX_TEXT_LEN
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn check_ids<'a>(
    ids: impl Iterator<Item = &'a str>,
    what: &str,
    push: &mut impl FnMut(String, String),
) -> HashSet<&'a str> {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        let valid = !id.is_empty()
            && id.len() <= MAX_ID_LEN
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
        if !valid {
            push(
                format!("{what}[{i}].id"),
                format!("`{id}` must be 1 to {MAX_ID_LEN} letters, digits, `_`, `-` or `.`"),
            );
        }
        if !seen.insert(id) {
            push(format!("{what}[{i}].id"), format!("duplicate id `{id}`"));
        }
    }
    seen
}

fn check_text(t: &Text, at: &str, required: bool, push: &mut impl FnMut(String, String)) {
    if required && t.en.trim().is_empty() && t.zh.trim().is_empty() {
        push(at.to_owned(), "must not be empty".into());
    }
    if t.en.len() > MAX_TEXT_LEN || t.zh.len() > MAX_TEXT_LEN {
        push(
            at.to_owned(),
            format!("is longer than {MAX_TEXT_LEN} characters"),
        );
    }
}

/// Cycles in the prerequisite graph, each as the path of skill ids that closes on itself.
fn prerequisite_cycles(pack: &Pack) -> Vec<Vec<String>> {
    let index: HashMap<&str, usize> = pack
        .skills
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let edges: Vec<Vec<usize>> = pack
        .skills
        .iter()
        .map(|s| {
            s.prerequisites
                .iter()
                .filter_map(|p| index.get(p.skill.as_str()).copied())
                .collect()
        })
        .collect();
    // 0 = unvisited, 1 = on the current path, 2 = done. Iterative so deep packs cannot
    // overflow the stack.
    let mut state = vec![0u8; edges.len()];
    let mut cycles = Vec::new();
    for root in 0..edges.len() {
        if state[root] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = 1;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&to) = edges[node].get(*next) {
                *next += 1;
                match state[to] {
                    0 => {
                        state[to] = 1;
                        stack.push((to, 0));
                    }
                    1 => {
                        let from = stack.iter().position(|&(n, _)| n == to).unwrap_or(0);
                        let mut path: Vec<String> = stack[from..]
                            .iter()
                            .map(|&(n, _)| pack.skills[n].id.clone())
                            .collect();
                        path.push(pack.skills[to].id.clone());
                        cycles.push(path);
                    }
                    _ => {}
                }
            } else {
                state[node] = 2;
                stack.pop();
            }
        }
    }
    cycles
}

const SKILLS_JSON: &str = include_str!("../catalog/skills.json");
const ROLES_JSON: &str = include_str!("../catalog/roles.json");

/// The built-in catalog from the article, compiled in. Validated once; a broken built-in
/// catalog is a bug caught by the test suite, so this panics rather than returning.
pub fn builtin() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let pack = builtin_pack().expect("built-in catalog parses");
        Catalog::from_pack(pack).expect("built-in catalog validates")
    })
}

/// The built-in catalog as a pack, before validation (tests validate it).
pub fn builtin_pack() -> Result<Pack> {
    let mut pack = parse_pack(SKILLS_JSON)?;
    let roles = parse_pack(ROLES_JSON)?;
    pack.roles = roles.roles;
    Ok(pack)
}
