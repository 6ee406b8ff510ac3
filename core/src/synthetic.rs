//! Generated catalogs for benchmarks and property tests: deterministic for a seed, always
//! valid (prerequisites only point at skills generated earlier, so there is no cycle).

use crate::catalog::{
    Catalog, Category, Pack, Prerequisite, Requirement, Role, Skill, Source, Text,
};

/// A small deterministic generator (xorshift64*) of its own, so generated catalogs, and the
/// benchmark figures quoted against them, never change with the `rand` version the
/// forecast uses.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
}

fn text(s: String) -> Text {
    Text {
        en: s,
        zh: String::new(),
    }
}

/// `skills` skills with up to `edges` prerequisites each and eight roles: the first
/// requires every skill (so its plan covers the whole graph), the others a tenth each.
pub fn pack(skills: usize, edges: usize, seed: u64) -> Pack {
    let mut rng = Rng::new(seed);
    let id = |i: usize| format!("s{i:05}");
    let skill_list = (0..skills)
        .map(|i| {
            let mut prerequisites: Vec<Prerequisite> = Vec::new();
            if i > 0 {
                for _ in 0..edges {
                    let p = rng.below(i as u64) as usize;
                    if prerequisites.iter().all(|q| q.skill != id(p)) {
                        prerequisites.push(Prerequisite {
                            skill: id(p),
                            level: 1 + rng.below(3) as u8,
                        });
                    }
                }
            }
            Skill {
                id: id(i),
                category: "generated".into(),
                name: text(format!("Skill {i}")),
                description: Text::default(),
                hours: vec![0.25, 0.5, 0.75, 1.0, 1.5],
                levels: Vec::new(),
                hours_basis: Default::default(),
                prerequisites,
                resources: Vec::new(),
                custom: false,
            }
        })
        .collect();
    let roles = (0..8)
        .map(|r| Role {
            id: format!("role{r}"),
            name: text(format!("Role {r}")),
            summary: Text::default(),
            responsibilities: Vec::new(),
            requirements: (0..skills)
                .filter(|&s| r == 0 || s == r % skills || rng.below(10) == 0)
                .collect::<Vec<_>>()
                .into_iter()
                .map(|s| Requirement {
                    skill: id(s),
                    level: 1 + rng.below(4) as u8,
                    importance: 1 + rng.below(5) as u8,
                    source: Source::Pathwise,
                    note: String::new(),
                })
                .collect(),
            custom: false,
        })
        .collect();
    Pack {
        format_version: crate::catalog::FORMAT_VERSION,
        categories: vec![Category {
            id: "generated".into(),
            name: text("Generated".into()),
        }],
        skills: skill_list,
        roles,
    }
}

pub fn catalog(skills: usize, edges: usize, seed: u64) -> Catalog {
    Catalog::from_pack(pack(skills, edges, seed)).expect("generated catalogs are valid")
}

/// A profile with random levels 0–5 for every skill of `catalog`.
pub fn levels(catalog: &Catalog, seed: u64) -> Vec<u8> {
    let mut rng = Rng::new(seed);
    (0..catalog.skills.len())
        .map(|_| rng.below(6) as u8)
        .collect()
}
