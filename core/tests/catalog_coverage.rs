//! Breadth of the built-in roles: each is held against a checklist of topics in
//! `docs/catalog-coverage.json` (a roadmap.sh roadmap's section-level topics, or the
//! article and O*NET occupations for roles with no roadmap) and must cover 80 % of it.

use std::collections::{BTreeMap, HashSet};

use pathwise_core::catalog::Source;
use serde::Deserialize;

const COVERAGE_JSON: &str = include_str!("../../docs/catalog-coverage.json");
const MIN_COVERAGE: f64 = 0.8;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Doc {
    about: String,
    attribution: String,
    checklists: BTreeMap<String, Checklist>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Checklist {
    role: String,
    url: String,
    topics: Vec<Topic>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Topic {
    topic: String,
    skills: Vec<String>,
}

fn doc() -> Doc {
    serde_json::from_str(COVERAGE_JSON).expect("docs/catalog-coverage.json parses")
}

/// The share of `topics` covered by a role that requires `required`, and the topics it
/// leaves uncovered.
fn coverage<'a>(topics: &'a [Topic], required: &HashSet<&str>) -> (f64, Vec<&'a str>) {
    let missing: Vec<&str> = topics
        .iter()
        .filter(|t| !t.skills.iter().any(|s| required.contains(s.as_str())))
        .map(|t| t.topic.as_str())
        .collect();
    let share = 1.0 - missing.len() as f64 / topics.len().max(1) as f64;
    (share, missing)
}

#[test]
fn coverage_counts_a_topic_once_any_of_its_skills_is_required() {
    let topics = vec![
        Topic {
            topic: "a".into(),
            skills: vec!["x".into(), "y".into()],
        },
        Topic {
            topic: "b".into(),
            skills: vec!["z".into()],
        },
        Topic {
            topic: "c".into(),
            skills: vec![],
        },
    ];
    let (share, missing) = coverage(&topics, &HashSet::from(["y"]));
    assert!((share - 1.0 / 3.0).abs() < 1e-9, "{share}");
    assert_eq!(missing, ["b", "c"]);
    let (share, missing) = coverage(&topics, &HashSet::from(["x", "z"]));
    assert!((share - 2.0 / 3.0).abs() < 1e-9, "{share}");
    assert_eq!(missing, ["c"]);
}

#[test]
fn every_builtin_role_covers_80_percent_of_its_checklist() {
    let c = pathwise_core::builtin();
    let doc = doc();
    let mut seen_roles = HashSet::new();
    let mut report = Vec::new();
    for (name, list) in &doc.checklists {
        let role = c
            .role(&list.role)
            .unwrap_or_else(|| panic!("{name}: no role `{}`", list.role));
        assert!(
            seen_roles.insert(role.id.as_str()),
            "{}: two checklists",
            role.id
        );
        assert!(list.url.starts_with("https://"), "{name}: {}", list.url);
        assert!(
            list.topics.len() >= 15,
            "{name}: only {} topics",
            list.topics.len()
        );
        let mut names = HashSet::new();
        for t in &list.topics {
            assert!(
                names.insert(t.topic.as_str()),
                "{name}: `{}` twice",
                t.topic
            );
            for s in &t.skills {
                assert!(c.skill(s).is_some(), "{name} / {}: no skill `{s}`", t.topic);
            }
        }
        let required: HashSet<&str> = role.requirements.iter().map(|q| q.skill.as_str()).collect();
        let (share, missing) = coverage(&list.topics, &required);
        report.push(format!(
            "{}: {:.0} % ({name}; not covered: {missing:?})",
            role.id,
            share * 100.0
        ));
        assert!(
            share >= MIN_COVERAGE,
            "{} covers {:.0} % of {name}; not covered: {missing:?}",
            role.id,
            share * 100.0
        );
    }
    let all: HashSet<&str> = c.roles.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(seen_roles, all, "every built-in role has one checklist");
    // Printed with --nocapture, so the measured coverage can be read and repeated.
    println!("{}", report.join("\n"));
}

#[test]
fn each_pathwise_requirement_names_a_reference_the_checklists_know() {
    let c = pathwise_core::builtin();
    let doc = doc();
    let keys: Vec<&str> = doc.checklists.keys().map(String::as_str).collect();
    for r in &c.roles {
        for q in r
            .requirements
            .iter()
            .filter(|q| q.source == Source::Pathwise)
        {
            let note = q.note.as_str();
            let known = if let Some(rest) = note.strip_prefix("roadmap.sh ") {
                // The roadmap's name up to the colon is one of the checklists.
                let roadmap = rest.split(':').next().unwrap_or_default();
                keys.contains(&format!("roadmap.sh {roadmap}").as_str())
            } else if note.starts_with("O*NET ") {
                // Every O*NET-SOC code it names is in a checklist's name.
                note.split("O*NET ")
                    .skip(1)
                    .map(|s| s.split([' ', ':']).next().unwrap_or_default())
                    .all(|code| keys.iter().any(|k| k.contains(code)))
            } else {
                note.starts_with("Article: ")
            };
            assert!(known, "{} / {}: unknown reference `{note}`", r.id, q.skill);
        }
    }
}

#[test]
fn the_o_net_attribution_says_what_its_licence_asks() {
    let doc = doc();
    for needed in [
        "O*NET",
        "U.S. Department of Labor, Employment and Training Administration (USDOL/ETA)",
        "CC BY 4.0",
        "O*NET® is a trademark of USDOL/ETA",
        "has modified all or some of this information",
        "USDOL/ETA has not approved, endorsed, or tested these modifications",
    ] {
        assert!(
            doc.attribution.contains(needed),
            "attribution lacks `{needed}`"
        );
    }
    assert!(doc.about.contains("roadmap.sh"), "{}", doc.about);
}
