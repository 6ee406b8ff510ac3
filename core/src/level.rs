//! The proficiency scale: 0 none … 5 expert (Dreyfus stages plus "none").

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::text::Text;

/// One entry of the scale, with its names for the UI.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct LevelInfo {
    pub level: u8,
    pub name: Text,
    pub description: Text,
}

fn text(en: &str, zh: &str) -> Text {
    Text {
        en: en.to_owned(),
        zh: zh.to_owned(),
    }
}

/// The six levels, explained in words for self-assessment.
pub fn scale() -> Vec<LevelInfo> {
    let rows = [
        ("None", "无", "Never used it.", "从未使用过。"),
        (
            "Aware",
            "了解",
            "Knows what it is and when it is used.",
            "知道它是什么、何时使用。",
        ),
        (
            "Beginner",
            "入门",
            "Has followed a tutorial; needs guidance for real work.",
            "学过教程；实际工作仍需指导。",
        ),
        (
            "Competent",
            "胜任",
            "Uses it on real work without help.",
            "能独立在实际工作中使用。",
        ),
        (
            "Proficient",
            "熟练",
            "Handles hard cases; others ask for advice.",
            "能处理疑难情况；别人会来请教。",
        ),
        (
            "Expert",
            "专家",
            "Shapes how teams use it; teaches it.",
            "决定团队如何使用它；能够传授。",
        ),
    ];
    rows.iter()
        .enumerate()
        .map(|(i, (en, zh, den, dzh))| LevelInfo {
            level: i as u8,
            name: text(en, zh),
            description: text(den, dzh),
        })
        .collect()
}
