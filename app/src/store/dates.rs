//! A date in a store column: `YYYY-MM-DD` text, written and read without chrono's
//! strftime interpreter (rusqlite's chrono support used it; see `pathwise_core::stamp`).

use chrono::NaiveDate;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

pub struct DbDate(pub NaiveDate);

impl ToSql for DbDate {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.0.to_string()))
    }
}

impl FromSql for DbDate {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        pathwise_core::stamp::parse_date(text)
            .map(DbDate)
            .ok_or_else(|| {
                let shown = pathwise_core::problem::shown(text);
                FromSqlError::Other(format!("not a date: {shown}").into())
            })
    }
}

#[cfg(test)]
mod tests {
    use super::DbDate;

    #[test]
    fn a_date_goes_in_as_text_and_comes_back() {
        let db = rusqlite::Connection::open_in_memory().unwrap();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
        let (text, back): (String, DbDate) = db
            .query_row("SELECT ?1, ?1", [DbDate(day)], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!(text, "2026-03-09");
        assert_eq!(back.0, day);
        let bad = db.query_row("SELECT 'soon'", [], |r| r.get::<_, DbDate>(0));
        assert!(bad.is_err_and(|e| e.to_string().contains("not a date: soon")));
    }
}
