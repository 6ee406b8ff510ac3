//! One thing wrong, as a value: where it is, a stable code, and the code's arguments. The
//! UI renders the code in the user's language; `english()` is the text for logs and tests.
//! Commands, imports and catalog validation all report problems in this one shape.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Every problem Pathwise can report. The serialized name is the stable code the UI
/// translates; `english` is its English template with `{arg}` placeholders.
macro_rules! codes {
    ($($name:ident => $english:literal,)*) => {
        #[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord, TS)]
        #[serde(rename_all = "snake_case")]
        pub enum Code { $($name,)* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$name,)*];

            pub fn english(self) -> &'static str {
                match self { $(Code::$name => $english,)* }
            }
        }
    };
}

codes! {
    // Values checked at the boundary.
    IdInvalid => "`{value}` is not an id (1 to 64 letters, digits, `_`, `-` or `.`)",
    LangUnknown => "unknown language `{value}`",
    DateInvalid => "`{value}` is not a date (YYYY-MM-DD)",
    DateOutOfRange => "the date {value} is outside 1970–2200",
    LevelOutOfRange => "a level is {min} to {max}, not {value}",
    ImportanceOutOfRange => "an importance is 1 to 5, not {value}",
    HoursOutOfRange => "hours must be 0 to {max}, not {value}",
    HoursPerDayOutOfRange => "hours per day are 0 to 24, not {value}",
    NoteTooLong => "a note is at most {max} characters",
    UrlNotWeb => "a link must be an http or https address, not `{value}`",
    TimeInvalid => "`{value}` is not a time of day (HH:MM, 00:00 to 23:59)",
    TooMany => "at most {max} {what}, found {found}",
    TextEmpty => "must not be empty",
    TextTooLong => "is longer than {max} characters",
    WrongType => "a field has the wrong type or is missing: {detail}",
    // The catalog.
    UnknownSkill => "there is no skill `{id}`",
    UnknownRole => "there is no role `{id}`",
    UnknownCategory => "unknown category `{id}`",
    DuplicateId => "duplicate id `{id}`",
    HoursCount => "needs 5 numbers (hours to reach levels 1 to 5), found {found}",
    LevelsCount => "needs a descriptor for each of levels 1 to 5, or none, found {found}",
    LevelTextEmpty => "the descriptor of level {level} needs English text",
    LineTooLong => "is longer than {max} characters (one line)",
    HoursPerLevel => "must be more than 0 and at most {max}, found {value}",
    OwnPrerequisite => "a skill cannot be its own prerequisite",
    ListedTwice => "`{id}` is listed twice",
    RoleWithoutRequirements => "a role needs at least one required skill",
    PrerequisiteCycle => "prerequisites form a cycle: {cycle}",
    BuiltinId => "`{id}` is built in; your own entries need their own id",
    OwnCategory => "own categories are not supported; use one of {allowed}",
    CatalogJson => "the catalog is not valid JSON: {detail}",
    EmptyPack => "the pack has no skills and no roles",
    SetAsideSkill => "your skill `{id}` no longer fits the built-in catalog",
    SetAsideRole => "your role `{id}` no longer fits the built-in catalog",
    // Planning.
    NoAvailability => "no hours are available: give at least one weekday some hours",
    StartAfterDeadline => "the start date {start} is after the deadline {deadline}",
    BeyondHorizon => "the plan would run past {date}; add hours or remove holidays",
    NoPlan => "there is no plan yet: make one first",
    // Reminders.
    ReminderNoWeekday => "a reminder needs at least one weekday",
    // The log.
    EventNotFound => "there is no event {id}",
    NothingToUndo => "there is nothing to undo",
    // Own entries.
    NotOwnSkill => "`{id}` is not one of your own skills",
    NotOwnRole => "`{id}` is not one of your own roles",
    SkillHasEvents => "you logged {count} event(s) for this skill; delete them in the log first",
    SkillInPlan => "your active plan has steps for this skill; plan for another role first",
    SkillUsedBy => "these of your entries use it: {entries}; change them first",
    RoleInPlan => "your active plan is for this role; plan for another role first",
    // Files and imports.
    FileTooLarge => "the file is {size} MB; Pathwise imports files up to {max} MB",
    NotUtf8 => "the file is not UTF-8 text (first bad byte at position {position})",
    JsonSyntax => "not valid JSON at line {line}, column {column}: {detail}",
    DuplicateKey => "the key `{key}` is given twice; only one can be meant",
    NotABackup => "this is not a Pathwise backup (no \"format\": \"pathwise-backup\")",
    NewerFormat => "the file has format version {version}, written by a newer Pathwise; this one reads version {supported}",
    BadFormatVersion => "the format version must be a whole number, found {value}",
    CsvSyntax => "the CSV cannot be read: {detail}",
    CsvMissingColumn => "the CSV has no `{column}` column",
    CsvDuplicateColumn => "the CSV has the column `{column}` twice",
    CsvEmpty => "the file has no header row",
    ItemAfterDue => "a plan item starts after it is due",
    MoreProblems => "… and {count} more",
    NoStagedImport => "there is no checked file to import; choose one first",
    ReplaceNeedsBackup => "only a full backup can replace your data",
    NothingToExport => "there is nothing to export: make a plan first",
    // The store and the machine.
    AlreadyRunning => "Pathwise is already running with the data folder {dir}; use that window, since two copies must not write the same data",
    StoreCorrupt => "your data file could not be read ({detail}); it was moved aside",
    StoreNewer => "your data was written by a newer Pathwise (schema {version}; this one knows {supported}); it is left untouched",
    StoreUnwritable => "the data folder {dir} cannot be written: make it writable for your user, or start Pathwise with another data folder",
    StoreOther => "your data could not be opened ({detail})",
    StoreEmpty => "your data file {file} is empty (0 bytes); it was moved aside",
    StoreForeignApp => "the file {file} belongs to another program (application id {id}); Pathwise left it exactly as it is: move it away or choose another data folder",
    StoreForeignTables => "the file {file} is another program's database (tables {tables}); Pathwise left it exactly as it is: move it away or choose another data folder",
    StoreNotAFolder => "the data folder {dir} is a file, not a folder",
    WalSetAside => "a write-ahead log that belongs to another database lay beside your data; it was moved aside unread, to {file}",
    BackupFailed => "the {reason} backup could not be made ({detail}); your data is unchanged",
    BackupFailedDiskFull => "the {reason} backup could not be made because the disk is full; your data is unchanged",
    BackupFailedReadOnly => "the {reason} backup could not be made because the folder {dir} cannot be written; your data is unchanged",
    UpgradeBackupFailed => "this Pathwise must back up your data (schema {version}) before upgrading it, and the backup could not be written in {dir}: free some disk space or make the folder writable, then start again; your data is unchanged",
    StoreNotMoved => "your data file {file} could not be read ({detail}), and it could not be moved aside ({reason}); nothing was changed",
    SavedUnreadable => "your saved {what} cannot be read: {detail}",
    BackupDamaged => "the backup is damaged: {detail}",
    NothingToRecover => "there is nothing to recover from",
    DataFileInPlace => "a data file is already in place; restart Pathwise",
    BackupNotFound => "there is no backup `{file}`",
    DiskFull => "the disk is full; free some space and try again",
    ReadOnly => "the data cannot be written: the file or its folder is read-only",
    Busy => "the data is busy in another program; try again",
    Io => "a file could not be read or written: {detail}",
    Database => "the database reported an error: {detail}",
    BrowserFailed => "the browser could not be opened: {detail}",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The serialized name, so logs and tests name the same code the UI sees.
        let json = serde_json::to_value(self).expect("a code serializes");
        f.write_str(json.as_str().unwrap_or_default())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, TS)]
pub struct Problem {
    /// Where it is, such as `skills[3] (airflow).prerequisites[0]` or `row 4`; empty when
    /// the problem is about the whole request.
    pub path: String,
    pub code: Code,
    #[ts(type = "Record<string, string>")]
    pub args: BTreeMap<String, String>,
}

/// A user-supplied string for a message: short enough that a hostile megabyte is not
/// echoed back.
pub fn shown(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

impl Problem {
    pub fn new(code: Code) -> Problem {
        Problem {
            path: String::new(),
            code,
            args: BTreeMap::new(),
        }
    }

    pub fn at(path: impl Into<String>, code: Code) -> Problem {
        Problem {
            path: path.into(),
            ..Problem::new(code)
        }
    }

    /// Adds an argument. Text the user typed goes through `shown` first, so a hostile
    /// megabyte is never echoed back.
    pub fn arg(mut self, name: &str, value: impl fmt::Display) -> Problem {
        self.args.insert(name.to_owned(), value.to_string());
        self
    }

    /// Puts `prefix` before the path: a problem found in a row becomes one in the file.
    pub fn within(mut self, prefix: &str) -> Problem {
        self.path = match (prefix.is_empty(), self.path.is_empty()) {
            (true, _) => self.path,
            (false, true) => prefix.to_owned(),
            (false, false) if self.path.starts_with('[') || self.path.starts_with('.') => {
                format!("{prefix}{}", self.path)
            }
            (false, false) => format!("{prefix}.{}", self.path),
        };
        self
    }

    /// The message without the path, in English.
    pub fn english(&self) -> String {
        let mut out = self.code.english().to_owned();
        for (name, value) in &self.args {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.english())
        } else {
            write!(f, "{}: {}", self.path, self.english())
        }
    }
}

/// Problems one per line, as a log or a test reads them.
pub fn describe(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Cuts a long list after `shown` problems, with one more saying how many were left out,
/// so a file with a bad value in every row stays readable.
pub fn capped(mut problems: Vec<Problem>, shown: usize) -> Vec<Problem> {
    if problems.len() > shown {
        let more = problems.len() - shown;
        problems.truncate(shown);
        problems.push(Problem::new(Code::MoreProblems).arg("count", more));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_names_only_placeholders_and_codes_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.to_string()), "{code} twice");
            let t = code.english();
            assert_eq!(t.matches('{').count(), t.matches('}').count(), "{code}");
        }
    }

    #[test]
    fn renders_with_path_and_arguments() {
        let p = Problem::at("events[2]", Code::LevelOutOfRange)
            .arg("min", 0)
            .arg("max", 5)
            .arg("value", 7);
        assert_eq!(p.to_string(), "events[2]: a level is 0 to 5, not 7");
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            r#"{"path":"events[2]","code":"level_out_of_range","args":{"max":"5","min":"0","value":"7"}}"#
        );
        assert_eq!(
            Problem::at("level", Code::TextEmpty).within("rows[1]").path,
            "rows[1].level"
        );
        assert_eq!(shown(&"x".repeat(100)).chars().count(), 61);
    }
}
