//! Roles, skills, prerequisites and resources: loading a catalog pack, validating it, and
//! indexing it for fast fit and planning.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
pub use crate::problem::Problem;
use crate::problem::{shown, Code};
pub use crate::text::Text;
pub use crate::value::is_web_url;
use crate::value::{
    check_id, check_importance, check_level, MAX_LEVEL, MAX_LEVEL_TEXT_CHARS, MAX_LINE_CHARS,
    MAX_TEXT_LEN,
};

/// The catalog pack format this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;
const MAX_HOURS_PER_LEVEL: f64 = 10_000.0;
const MAX_RESOURCES: usize = 10;
/// Far above any real catalog; keeps skill positions within the scheduler's 24-bit keys.
const MAX_SKILLS: usize = 1_000_000;

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
    /// What levels 1 to 5 look like for this skill: one or two sentences each, naming
    /// behaviour someone could check. Empty for a user's own skill until they write them.
    #[serde(default)]
    pub levels: Vec<Text>,
    /// Hours to reach level 1, 2, 3, 4 and 5, each from the level below.
    pub hours: Vec<f64>,
    /// Where the hours come from, in one line (for example the length of a named course).
    #[serde(default)]
    pub hours_basis: Text,
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
    /// For a `pathwise` requirement, the reference it came from (a roadmap section, an
    /// O*NET occupation); empty for the article's own.
    #[serde(default)]
    pub note: String,
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
        let order = crate::order::positions(pack.skills.len(), &|a, b| {
            pack.skills[a].id.cmp(&pack.skills[b].id)
        });
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
    /// Only the version is read first; the rest of the text is skipped, not built into a
    /// `Value`, and the pack is then read from the text with the reader the store's and the
    /// backups' skills and roles use (one reader per type in the binary; ARCHITECTURE.md).
    #[derive(Deserialize)]
    struct Version {
        format_version: Option<serde_json::Value>,
    }
    let version = match serde_json::from_str::<Version>(json) {
        Ok(version) => version.format_version,
        Err(e) if e.is_syntax() || e.is_eof() => return Err(Error::CatalogJson(e.to_string())),
        // Not an object: reading it as a pack, below, says so in the pack's terms.
        Err(_) => None,
    };
    if let Some(v) = version {
        match v.as_u64() {
            Some(n) if n == FORMAT_VERSION as u64 => {}
            Some(n) if n > FORMAT_VERSION as u64 => {
                return Err(Error::InvalidCatalog(vec![Problem::at(
                    "format_version",
                    Code::NewerFormat,
                )
                .arg("version", n)
                .arg("supported", FORMAT_VERSION)]))
            }
            _ => {
                return Err(Error::InvalidCatalog(vec![Problem::at(
                    "format_version",
                    Code::BadFormatVersion,
                )
                .arg("value", &v)]))
            }
        }
    }
    serde_json::from_str(json).map_err(|e| Error::CatalogJson(e.to_string()))
}

/// Every problem in a pack, each with where it is. Empty means valid.
pub fn validate(pack: &Pack) -> Vec<Problem> {
    validate_located(pack, &|list, i, id| format!("{list}[{i}] ({id})"))
}

/// Names a skill or role entry in a problem's path: the list, the position, the id.
pub type Locate<'a> = &'a dyn Fn(&str, usize, &str) -> String;

/// `validate`, with entries named by `at`, so a check of a merged catalog can point at
/// where an entry is in the user's own file.
pub fn validate_located(pack: &Pack, at: Locate) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut push = |path: String, p: Problem| out.push(p.within(&path));

    if let Err(p) = crate::value::check_many("skills", pack.skills.len(), MAX_SKILLS) {
        push("skills".into(), p);
    }
    let category_ids = check_ids(
        pack.categories.iter().map(|c| c.id.as_str()),
        "categories",
        &|list, i, _| format!("{list}[{i}]"),
        &mut push,
    );
    let skill_ids = check_ids(
        pack.skills.iter().map(|s| s.id.as_str()),
        "skills",
        at,
        &mut push,
    );
    check_ids(
        pack.roles.iter().map(|r| r.id.as_str()),
        "roles",
        at,
        &mut push,
    );

    for (i, c) in pack.categories.iter().enumerate() {
        check_text(
            &c.name,
            &format!("categories[{i}] ({}).name", c.id),
            true,
            &mut push,
        );
    }
    for (i, s) in pack.skills.iter().enumerate() {
        let at = at("skills", i, &s.id);
        check_text(&s.name, &format!("{at}.name"), true, &mut push);
        check_text(
            &s.description,
            &format!("{at}.description"),
            false,
            &mut push,
        );
        check_levels(&s.levels, &at, &mut push);
        if let Some(p) = line_too_long(&[&s.hours_basis.en, &s.hours_basis.zh]) {
            push(format!("{at}.hours_basis"), p);
        }
        if !category_ids.contains(s.category.as_str()) {
            push(
                format!("{at}.category"),
                Problem::new(Code::UnknownCategory).arg("id", shown(&s.category)),
            );
        }
        if s.hours.len() != MAX_LEVEL as usize {
            push(
                format!("{at}.hours"),
                Problem::new(Code::HoursCount).arg("found", s.hours.len()),
            );
        }
        for (j, h) in s.hours.iter().enumerate() {
            if !h.is_finite() || *h <= 0.0 || *h > MAX_HOURS_PER_LEVEL {
                push(
                    format!("{at}.hours[{j}]"),
                    Problem::new(Code::HoursPerLevel)
                        .arg("max", MAX_HOURS_PER_LEVEL)
                        .arg("value", h),
                );
            }
        }
        let mut seen = HashSet::new();
        for (j, p) in s.prerequisites.iter().enumerate() {
            let pat = format!("{at}.prerequisites[{j}]");
            if !skill_ids.contains(p.skill.as_str()) {
                push(
                    format!("{pat}.skill"),
                    Problem::new(Code::UnknownSkill).arg("id", shown(&p.skill)),
                );
            } else if p.skill == s.id {
                push(format!("{pat}.skill"), Problem::new(Code::OwnPrerequisite));
            }
            if let Err(e) = check_level(p.level, 1) {
                push(format!("{pat}.level"), e);
            }
            if !seen.insert(p.skill.as_str()) {
                push(
                    pat,
                    Problem::new(Code::ListedTwice).arg("id", shown(&p.skill)),
                );
            }
        }
        if let Err(e) = crate::value::check_many("resources", s.resources.len(), MAX_RESOURCES) {
            push(format!("{at}.resources"), e);
        }
        for (j, r) in s.resources.iter().enumerate() {
            let rat = format!("{at}.resources[{j}]");
            if r.title.trim().is_empty() {
                push(format!("{rat}.title"), Problem::new(Code::TextEmpty));
            } else if r.title.len() > MAX_TEXT_LEN {
                push(
                    format!("{rat}.title"),
                    Problem::new(Code::TextTooLong).arg("max", MAX_TEXT_LEN),
                );
            }
            if !is_web_url(&r.url) {
                push(
                    format!("{rat}.url"),
                    Problem::new(Code::UrlNotWeb).arg("value", shown(&r.url)),
                );
            }
        }
    }
    for (i, r) in pack.roles.iter().enumerate() {
        let at = at("roles", i, &r.id);
        check_text(&r.name, &format!("{at}.name"), true, &mut push);
        check_text(&r.summary, &format!("{at}.summary"), false, &mut push);
        for (j, t) in r.responsibilities.iter().enumerate() {
            check_text(t, &format!("{at}.responsibilities[{j}]"), true, &mut push);
        }
        if r.requirements.is_empty() {
            push(
                format!("{at}.requirements"),
                Problem::new(Code::RoleWithoutRequirements),
            );
        }
        let mut seen = HashSet::new();
        for (j, q) in r.requirements.iter().enumerate() {
            let qat = format!("{at}.requirements[{j}]");
            if !skill_ids.contains(q.skill.as_str()) {
                push(
                    format!("{qat}.skill"),
                    Problem::new(Code::UnknownSkill).arg("id", shown(&q.skill)),
                );
            }
            if let Err(e) = check_level(q.level, 1) {
                push(format!("{qat}.level"), e);
            }
            if let Err(e) = check_importance(q.importance) {
                push(format!("{qat}.importance"), e);
            }
            if let Some(p) = line_too_long(&[&q.note]) {
                push(format!("{qat}.note"), p);
            }
            if !seen.insert(q.skill.as_str()) {
                push(
                    qat,
                    Problem::new(Code::ListedTwice).arg("id", shown(&q.skill)),
                );
            }
        }
    }
    for cycle in prerequisite_cycles(pack) {
        push(
            format!("skills ({})", cycle[0]),
            Problem::new(Code::PrerequisiteCycle).arg("cycle", cycle.join(" -> ")),
        );
    }
    out
}

fn check_ids<'a>(
    ids: impl Iterator<Item = &'a str>,
    what: &str,
    at: Locate,
    push: &mut impl FnMut(String, Problem),
) -> HashSet<&'a str> {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        if let Err(p) = check_id(id) {
            push(format!("{}.id", at(what, i, id)), p);
        }
        if !seen.insert(id) {
            push(
                format!("{}.id", at(what, i, id)),
                Problem::new(Code::DuplicateId).arg("id", shown(id)),
            );
        }
    }
    seen
}

fn check_text(t: &Text, at: &str, required: bool, push: &mut impl FnMut(String, Problem)) {
    if required && t.en.trim().is_empty() && t.zh.trim().is_empty() {
        push(at.to_owned(), Problem::new(Code::TextEmpty));
    }
    if t.en.len() > MAX_TEXT_LEN || t.zh.len() > MAX_TEXT_LEN {
        push(
            at.to_owned(),
            Problem::new(Code::TextTooLong).arg("max", MAX_TEXT_LEN),
        );
    }
}

/// A skill's level descriptors: none (a user's own skill may have none yet) or one for
/// each level, each with English text (the Chinese may follow later) and short enough to
/// show under a rating.
fn check_levels(levels: &[Text], at: &str, push: &mut impl FnMut(String, Problem)) {
    if levels.is_empty() {
        return;
    }
    if levels.len() != MAX_LEVEL as usize {
        push(
            format!("{at}.levels"),
            Problem::new(Code::LevelsCount).arg("found", levels.len()),
        );
    }
    for (j, t) in levels.iter().enumerate() {
        let lat = format!("{at}.levels[{j}]");
        if t.en.trim().is_empty() {
            push(
                lat.clone(),
                Problem::new(Code::LevelTextEmpty).arg("level", j + 1),
            );
        }
        if t.en.chars().count() > MAX_LEVEL_TEXT_CHARS
            || t.zh.chars().count() > MAX_LEVEL_TEXT_CHARS
        {
            push(
                lat,
                Problem::new(Code::TextTooLong).arg("max", MAX_LEVEL_TEXT_CHARS),
            );
        }
    }
}

/// The problem with a one-line field (an hours basis, a reference note), if any of its
/// texts is longer than a line.
fn line_too_long(texts: &[&str]) -> Option<Problem> {
    texts
        .iter()
        .any(|t| t.chars().count() > MAX_LINE_CHARS || t.contains('\n'))
        .then(|| Problem::new(Code::LineTooLong).arg("max", MAX_LINE_CHARS))
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

const SKILLS_BR: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/skills.json.br"));
const ROLES_BR: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/roles.json.br"));

/// One of the embedded catalog files, as the text in `core/catalog/`.
fn unpacked(packed: &[u8]) -> String {
    let mut text = Vec::new();
    brotli_decompressor::BrotliDecompress(&mut &packed[..], &mut text)
        .expect("the embedded catalog decompresses");
    String::from_utf8(text).expect("the embedded catalog is UTF-8")
}

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
    let mut pack = parse_pack(&unpacked(SKILLS_BR))?;
    let roles = parse_pack(&unpacked(ROLES_BR))?;
    pack.roles = roles.roles;
    Ok(pack)
}
