//! From the page's call to a command and back: the command's name picks it, its arguments
//! are read from the call's JSON object by name, and its answer (or its error) goes back
//! as JSON. Every command passes through the same three steps here, where
//! `generate_handler!` wrote them out for each command: about 250 kB of the binary, most
//! of it the same code 35 times (see ARCHITECTURE.md, "Release build").

use pathwise_app::AppState;
use serde::de::DeserializeOwned;
use serde::Serialize;
use tauri::ipc::{Invoke, InvokeBody, InvokeError, InvokeMessage, InvokeResponseBody};
use tauri::Manager;

use crate::commands as c;

/// Runs the command the page called and answers it. Called on a worker of the blocking
/// pool, for a command in `command_names::COMMANDS` (the allowlist let it through).
pub fn run(invoke: Invoke) {
    let answer = answer(&invoke.message);
    invoke.resolver.respond(answer);
}

type Answer = Result<InvokeResponseBody, InvokeError>;

fn answer(message: &InvokeMessage) -> Answer {
    let app = message.webview_ref().app_handle();
    let state = &*app.state::<AppState>();
    let args = Args::of(message);
    match message.command() {
        "list_roles" => reply(c::list_roles(state)),
        "app_info" => reply(c::app_info(state)),
        "check_store" => reply(c::check_store(state)),
        "list_backups" => reply(c::list_backups(state)),
        "restore_backup" => reply(c::restore_backup(state, args.get("file")?)),
        "recover" => reply(c::recover(state, args.get("choice")?)),
        "today_date" => reply(Ok(c::today_date())),
        "catalog" => reply(c::catalog(state)),
        "get_settings" => reply(c::get_settings(state)),
        "save_settings" => {
            let reminders = app.state::<crate::reminders::Reminders>();
            reply(c::save_settings(state, &reminders, args.get("settings")?))
        }
        "profile" => reply(c::profile(state)),
        "rate_skills" => reply(c::rate_skills(state, args.get("ratings")?)),
        "fit" => reply(c::fit(state)),
        "gap" => reply(c::gap(state, args.get("role")?)),
        "make_plan" => reply(c::make_plan(state, args.get("role")?, args.get("input")?)),
        "active_plan" => reply(c::active_plan(state)),
        "replan_today" => reply(c::replan_today(state, args.get("change")?)),
        "today_view" => reply(c::today_view(state)),
        "log_event" => reply(c::log_event(state, args.get("event")?)),
        "edit_event" => reply(c::edit_event(state, args.get("id")?, args.get("event")?)),
        "delete_event" => reply(c::delete_event(state, args.get("id")?)),
        "undo" => reply(c::undo(state)),
        "timeline" => reply(c::timeline(state)),
        "log_page" => reply(c::log_page(state)),
        "older_events" => reply(c::older_events(state, args.get("before")?)),
        "open_resource" => reply(c::open_resource(args.get("url")?)),
        "export_file" => reply(c::export_file(
            app,
            state,
            args.get("kind")?,
            args.get("lang")?,
        )),
        "pick_import" => reply(c::pick_import(app, state, args.get("kind")?)),
        "apply_import" => reply(c::apply_import(state, args.get("mode")?)),
        "cancel_import" => {
            c::cancel_import(state);
            reply(Ok(()))
        }
        "save_own_skill" => reply(c::save_own_skill(state, args.get("skill")?)),
        "save_own_role" => reply(c::save_own_role(state, args.get("role")?)),
        "delete_own_skill" => reply(c::delete_own_skill(state, args.get("id")?)),
        "delete_own_role" => reply(c::delete_own_role(state, args.get("id")?)),
        "first_screen" => reply(Ok(c::first_screen())),
        other => Err(InvokeError::from(format!("no command `{other}`"))),
    }
}

/// A command's answer as JSON; its error as the `{kind, problems, message}` the page's
/// `CommandError` reads.
fn reply<T: Serialize>(result: pathwise_app::Result<T>) -> Answer {
    match result {
        Ok(value) => serde_json::to_string(&value)
            .map(InvokeResponseBody::Json)
            .map_err(|e| InvokeError::from(e.to_string())),
        Err(e) => Err(InvokeError::from(e)),
    }
}

/// The arguments of one call: a JSON object, keyed by the names the commands give them.
struct Args<'a> {
    command: &'a str,
    object: Option<&'a serde_json::Map<String, serde_json::Value>>,
}

impl<'a> Args<'a> {
    fn of(message: &'a InvokeMessage) -> Args<'a> {
        let object = match message.payload() {
            InvokeBody::Json(serde_json::Value::Object(map)) => Some(map),
            _ => None,
        };
        Args {
            command: message.command(),
            object,
        }
    }

    /// The argument `key`, read by its type. One that is missing reads as null, so an
    /// `Option` is None and anything else is refused, in the words Tauri's own commands
    /// used, which the page shows as a wrong type.
    fn get<T: DeserializeOwned>(&self, key: &str) -> Result<T, InvokeError> {
        let value = self
            .object
            .and_then(|o| o.get(key))
            .unwrap_or(&serde_json::Value::Null);
        // Read from the text, with the reader the files use: each argument type then has
        // one reader in the binary, not a second one for `Value` (see ARCHITECTURE.md).
        serde_json::from_str(&value.to_string()).map_err(|e| {
            // The place in a text made here means nothing to the page.
            let e = e.to_string();
            let e = e.rsplit_once(" at line ").map_or(e.as_str(), |(e, _)| e);
            InvokeError::from(format!(
                "invalid args `{key}` for command `{}`: {e}",
                self.command
            ))
        })
    }
}
