mod common;

use common::*;
use pathwise_core::catalog::{self, builtin_pack, validate, Pack, Resource, Source};
use pathwise_core::{Catalog, Error};

/// Validates `pack` and expects exactly these (location, message fragment) problems.
fn check(pack: Pack, expect: &[(&str, &str)]) {
    let problems = validate(&pack);
    let got: Vec<(String, String)> = problems
        .iter()
        .map(|p| (p.path.clone(), p.english()))
        .collect();
    assert_eq!(got.len(), expect.len(), "problems: {got:#?}");
    for ((loc, msg), (want_loc, want_msg)) in got.iter().zip(expect) {
        assert_eq!(loc, want_loc, "{got:#?}");
        assert!(msg.contains(want_msg), "`{msg}` lacks `{want_msg}`");
    }
}

fn ok_skills() -> Vec<pathwise_core::Skill> {
    vec![skill("a", [1.0; 5], &[]), skill("b", [1.0; 5], &[("a", 2)])]
}

#[test]
fn validation_reports_every_problem_with_where_it_is() {
    check(pack(ok_skills(), vec![role("r", &[("b", 3, 4)])]), &[]);
    // Duplicate ids.
    check(
        pack(
            vec![skill("a", [1.0; 5], &[]), skill("a", [1.0; 5], &[])],
            vec![role("r", &[("a", 1, 1)])],
        ),
        &[("skills[1] (a).id", "duplicate id `a`")],
    );
    // Unknown references, levels and importance out of range, all at once.
    check(
        pack(
            vec![
                skill("a", [1.0; 5], &[("zz", 2)]),
                skill("b", [1.0; 5], &[("a", 9)]),
            ],
            vec![role("r", &[("nope", 3, 4), ("a", 0, 6)])],
        ),
        &[
            (
                "skills[0] (a).prerequisites[0].skill",
                "there is no skill `zz`",
            ),
            ("skills[1] (b).prerequisites[0].level", "is 1 to 5, not 9"),
            (
                "roles[0] (r).requirements[0].skill",
                "there is no skill `nope`",
            ),
            ("roles[0] (r).requirements[1].level", "is 1 to 5, not 0"),
            (
                "roles[0] (r).requirements[1].importance",
                "is 1 to 5, not 6",
            ),
        ],
    );
    // Hours must be positive and five of them.
    let mut bad = skill("a", [1.0, 0.0, -2.0, 1.0, 1.0], &[]);
    check(
        pack(vec![bad.clone()], vec![role("r", &[("a", 1, 1)])]),
        &[
            ("skills[0] (a).hours[1]", "more than 0"),
            ("skills[0] (a).hours[2]", "more than 0"),
        ],
    );
    bad.hours = vec![1.0, 2.0];
    check(
        pack(vec![bad], vec![role("r", &[("a", 1, 1)])]),
        &[("skills[0] (a).hours", "needs 5 numbers")],
    );
    // Resources must be web addresses.
    let mut s = skill("a", [1.0; 5], &[]);
    s.resources = vec![Resource {
        title: "x".into(),
        url: "javascript:alert(1)".into(),
    }];
    check(
        pack(vec![s], vec![role("r", &[("a", 1, 1)])]),
        &[("skills[0] (a).resources[0].url", "http or https")],
    );
    // A role without requirements, an unknown category, a bad id.
    let mut s = skill("bad id!", [1.0; 5], &[]);
    s.category = "nowhere".into();
    check(
        pack(vec![s], vec![role("r", &[])]),
        &[
            ("skills[0] (bad id!).id", "is not an id (1 to 64"),
            ("skills[0] (bad id!).category", "unknown category `nowhere`"),
            ("roles[0] (r).requirements", "at least one"),
        ],
    );
}

#[test]
fn level_descriptors_hours_basis_and_notes_are_checked() {
    let five = |t: &str| {
        (1..=5)
            .map(|l| text(&format!("{t} {l}")))
            .collect::<Vec<_>>()
    };
    // None, or five with English text, are both fine.
    let mut a = skill("a", [1.0; 5], &[]);
    a.levels = five("does");
    a.hours_basis = text("the official tutorial (~10 h)");
    check(pack(vec![a.clone()], vec![role("r", &[("a", 1, 1)])]), &[]);
    // Three descriptors, one without English, one too long; a two-line basis.
    let mut b = a.clone();
    b.levels.truncate(3);
    b.levels[1].en = " ".into();
    b.levels[1].zh = "只有中文".into();
    b.levels[2].zh = "长".repeat(401);
    b.hours_basis.en = "line one\nline two".into();
    let mut r = role("r", &[("a", 1, 1)]);
    r.requirements[0].note = "x".repeat(301);
    check(
        pack(vec![b], vec![r]),
        &[
            (
                "skills[0] (a).levels",
                "each of levels 1 to 5, or none, found 3",
            ),
            ("skills[0] (a).levels[1]", "level 2 needs English"),
            ("skills[0] (a).levels[2]", "longer than 400"),
            (
                "skills[0] (a).hours_basis",
                "longer than 300 characters (one line)",
            ),
            ("roles[0] (r).requirements[0].note", "longer than 300"),
        ],
    );
    // Six are as wrong as three; 400 characters of Chinese (1,200 bytes) are fine.
    let mut c = a;
    c.levels = five("x");
    c.levels.push(text("six"));
    c.levels[0].zh = "长".repeat(400);
    check(
        pack(vec![c], vec![role("r", &[("a", 1, 1)])]),
        &[("skills[0] (a).levels", "found 6")],
    );
}

#[test]
fn a_prerequisite_cycle_is_named_by_its_path() {
    let p = pack(
        vec![
            skill("a", [1.0; 5], &[("c", 1)]),
            skill("b", [1.0; 5], &[("a", 1)]),
            skill("c", [1.0; 5], &[("b", 1)]),
            skill("d", [1.0; 5], &[("d", 1)]),
        ],
        vec![role("r", &[("a", 1, 1)])],
    );
    check(
        p.clone(),
        &[
            (
                "skills[3] (d).prerequisites[0].skill",
                "its own prerequisite",
            ),
            ("skills (a)", "a -> c -> b -> a"),
            ("skills (d)", "d -> d"),
        ],
    );
    let err = Catalog::from_pack(p).unwrap_err();
    assert!(matches!(err, Error::InvalidCatalog(ref v) if v.len() == 3));
    assert!(err.to_string().contains("a -> c -> b -> a"), "{err}");
}

#[test]
fn packs_parse_with_clear_errors() {
    assert!(matches!(
        catalog::parse_pack("{\"skills\": ["),
        Err(Error::CatalogJson(_))
    ));
    let err = catalog::parse_pack(r#"{"format_version": 99}"#).unwrap_err();
    assert!(err.to_string().contains("reads version 1"), "{err}");
    let err = catalog::parse_pack(r#"{"skills": [{"id": 3}]}"#).unwrap_err();
    assert!(matches!(err, Error::CatalogJson(_)), "{err}");
}

#[test]
fn extending_a_catalog_adds_and_replaces_by_id() {
    let base = tiny();
    let extra = pack(
        vec![skill("e", [1.0; 5], &[("a", 1)]), skill("d", [9.0; 5], &[])],
        vec![role("mine", &[("e", 2, 3)])],
    );
    let merged = base.extended(&extra).unwrap();
    assert_eq!(merged.skills.len(), 5);
    assert_eq!(merged.skill("d").unwrap().hours[0], 9.0);
    assert!(merged.role("mine").is_some());
    let broken = pack(vec![skill("e", [1.0; 5], &[("ghost", 1)])], vec![]);
    assert!(base.extended(&broken).is_err());
}

#[test]
fn the_builtin_catalog_is_valid_and_complete() {
    let pack = builtin_pack().unwrap();
    assert_eq!(validate(&pack), vec![]);
    let c = Catalog::from_pack(pack).unwrap();
    let ids: Vec<&str> = c.roles.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "business_analyst",
            "data_analyst",
            "software_engineer",
            "ml_architect",
            "data_engineer",
            "mlops_engineer",
            "optimisation_engineer",
            "data_scientist"
        ]
    );
    for s in &c.skills {
        assert!(
            !s.name.en.is_empty() && !s.name.zh.is_empty(),
            "{} lacks a name",
            s.id
        );
        assert!(
            !s.description.en.is_empty() && !s.description.zh.is_empty(),
            "{} lacks a description",
            s.id
        );
        assert!(
            (2..=3).contains(&s.resources.len()),
            "{} has {} resources",
            s.id,
            s.resources.len()
        );
        for r in &s.resources {
            assert!(r.url.starts_with("https://"), "{}: {}", s.id, r.url);
        }
        assert_eq!(s.levels.len(), 5, "{} needs five level descriptors", s.id);
        for (i, t) in s.levels.iter().enumerate() {
            assert!(
                !t.en.trim().is_empty() && !t.zh.trim().is_empty(),
                "{}: level {} lacks a language",
                s.id,
                i + 1
            );
        }
        assert!(
            !s.hours_basis.en.trim().is_empty() && !s.hours_basis.zh.trim().is_empty(),
            "{} lacks the basis of its hours",
            s.id
        );
        assert!(
            s.hours.windows(2).all(|w| w[0] <= w[1]),
            "{}: higher levels take longer",
            s.id
        );
    }
    for r in &c.roles {
        assert!(
            !r.name.zh.is_empty() && !r.summary.zh.is_empty(),
            "{}",
            r.id
        );
        assert!(r.responsibilities.len() >= 3, "{}", r.id);
        assert!(
            r.responsibilities.iter().all(|t| !t.zh.is_empty()),
            "{}",
            r.id
        );
        assert!(
            r.requirements.iter().any(|q| q.source == Source::Article),
            "{}",
            r.id
        );
        for q in &r.requirements {
            match q.source {
                Source::Pathwise => assert!(
                    !q.note.trim().is_empty(),
                    "{} / {}: a pathwise requirement names its reference",
                    r.id,
                    q.skill
                ),
                Source::Article => assert_eq!(q.note, "", "{} / {}", r.id, q.skill),
                Source::User => panic!(
                    "{} / {}: the built-in catalog has no user entries",
                    r.id, q.skill
                ),
            }
        }
    }
    for cat in &c.categories {
        assert!(
            c.skills.iter().any(|s| s.category == cat.id),
            "category {} is empty",
            cat.id
        );
    }
}

/// Every skill or tool in the table at the end of ROLES.md, with the catalog skill that
/// stands for it.
const ARTICLE_SKILLS: &[(&str, &str)] = &[
    ("storytelling", "storytelling"),
    ("presentations", "storytelling"),
    ("documentation", "documentation"),
    ("project planning and management", "project_management"),
    ("stakeholder communication", "stakeholder_communication"),
    (
        "translating business problems to ML problems",
        "stakeholder_communication",
    ),
    ("data literacy", "data_literacy"),
    ("exploratory data analysis", "eda"),
    ("spreadsheets (Excel)", "spreadsheets"),
    ("Tableau", "tableau"),
    ("Power BI", "power_bi"),
    ("SQL", "sql"),
    ("GIS", "gis"),
    ("Python", "python"),
    ("R", "r"),
    ("Django", "django"),
    ("Flask", "flask"),
    ("React", "react"),
    ("Vue", "vue"),
    ("React Native", "react_native"),
    ("access control", "access_control"),
    ("usage statistics", "usage_analytics"),
    ("hosting", "hosting"),
    ("cross-platform integration", "cross_platform_integration"),
    ("ML lifecycle", "ml_lifecycle"),
    ("phased execution strategy", "ml_lifecycle"),
    ("risk assessment", "risk_assessment"),
    (
        "data warehouse vs data lake vs in-house",
        "data_storage_strategy",
    ),
    (
        "storage/retrieval for performance and cost",
        "data_storage_strategy",
    ),
    ("tool evaluation", "tool_evaluation"),
    ("data pipelines", "data_pipelines"),
    ("ETL", "data_pipelines"),
    ("Airflow", "airflow"),
    ("Prefect", "prefect"),
    ("Postgres", "postgres"),
    ("MySQL", "mysql"),
    ("data quality assessment", "data_quality"),
    ("model deployment automation", "model_deployment"),
    ("REST APIs for models", "rest_apis"),
    ("DevOps principles (CI/CD)", "devops_cicd"),
    ("testing prediction quality", "model_testing"),
    ("MLflow", "mlflow"),
    ("hardware-aware optimisation", "hardware_optimisation"),
    ("LLVM compilation", "llvm_compilation"),
    ("parallel execution", "parallel_computing"),
    ("cost", "hardware_optimisation"),
    ("model selection", "machine_learning"),
    ("algorithms", "machine_learning"),
    ("hyperparameter tuning", "hyperparameter_tuning"),
    ("evaluation and validation", "model_evaluation"),
    ("Jupyter notebooks", "jupyter"),
    ("Streamlit", "streamlit"),
];

#[test]
fn every_skill_the_article_names_is_in_the_catalog() {
    let c = pathwise_core::builtin();
    for (name, id) in ARTICLE_SKILLS {
        let s = c
            .skill(id)
            .unwrap_or_else(|| panic!("`{name}` has no skill `{id}`"));
        // The skill's name or description mentions what the article calls it.
        let words = format!("{} {}", s.name.en, s.description.en).to_lowercase();
        let key = name.split([' ', '(', '/']).next().unwrap().to_lowercase();
        assert!(
            words.contains(&key),
            "`{name}` is not recognisable in skill `{id}`: {words}"
        );
    }
}

#[test]
fn every_requirement_the_article_ties_to_a_role_is_sourced_article() {
    let c = pathwise_core::builtin();
    let pairs = [
        ("data_analyst", "tableau"),
        ("data_engineer", "airflow"),
        ("data_engineer", "postgres"),
        ("mlops_engineer", "mlflow"),
        ("software_engineer", "django"),
        ("optimisation_engineer", "llvm_compilation"),
        ("data_scientist", "hyperparameter_tuning"),
        ("business_analyst", "storytelling"),
        ("ml_architect", "risk_assessment"),
    ];
    for (role, skill) in pairs {
        let q = c
            .role(role)
            .unwrap()
            .requirements
            .iter()
            .find(|q| q.skill == skill);
        assert_eq!(
            q.map(|q| q.source),
            Some(Source::Article),
            "{role} / {skill}"
        );
    }
}
