//! Text in both languages of the app.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

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
