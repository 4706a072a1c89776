//! `procore-manifest lsp`: a language server on stdio (lsp-server's message
//! types and connection, lsp-types, a stdio transport of our own that
//! survives malformed messages; one synchronous loop, the same library
//! pipeline as `check`).
//!
//! Messages are read in batches: every message already waiting (and, after
//! an edit, any that follows within a few milliseconds) is handled before
//! anything is published, so a burst of edits lints only the latest text of
//! each document. A panic in a handler answers that request with an
//! error and the server keeps serving.

mod context;
mod convert;
mod features;
mod transport;

use crate::config::{Config, ConfigError};
use crate::{lint_source, Settings};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types as lsp;
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Run on stdio until `exit`; the process exit code: 0 after `shutdown`
/// (or when the client closes the stream), 1 for an `exit` that came
/// without `shutdown` (the LSP specification) or an I/O failure.
pub fn run() -> u8 {
    let (conn, writer, input_failed) = transport::stdio();
    let result = serve(&conn);
    drop(conn);
    let joined = match writer.join() {
        Ok(r) => r.map_err(|e| e.to_string()),
        Err(_) => Err("the writer thread panicked".to_string()),
    };
    if input_failed.load(std::sync::atomic::Ordering::SeqCst) {
        return 1; // said on stderr by the transport
    }
    match (result, joined) {
        (Ok(Ending::Clean), Ok(())) => 0,
        (Ok(Ending::ExitWithoutShutdown), Ok(())) => {
            eprintln!("procore-manifest lsp: `exit` without `shutdown`");
            1
        }
        (Err(e), _) => {
            eprintln!("procore-manifest lsp: {e}");
            1
        }
        (_, Err(e)) => {
            eprintln!("procore-manifest lsp: {e}");
            1
        }
    }
}

/// What the server advertises.
pub fn capabilities() -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        position_encoding: Some(lsp::PositionEncodingKind::UTF16),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(lsp::TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(lsp::TextDocumentSyncKind::FULL),
            save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
            ..Default::default()
        })),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(lsp::CodeActionOptions {
            code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
            ..Default::default()
        })),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(vec!["\"".into(), "{".into(), ".".into()]),
            ..Default::default()
        }),
        execute_command_provider: Some(lsp::ExecuteCommandOptions {
            commands: vec![features::EXPLAIN_COMMAND.into()],
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// An open document.
pub(crate) struct Doc {
    pub uri: lsp::Uri,
    pub text: String,
    pub version: i32,
    pub path: Option<PathBuf>,
}

/// A loaded config and the modification time it was read at.
struct CachedConfig {
    mtime: Option<std::time::SystemTime>,
    config: Result<Arc<Config>, ConfigError>,
}

pub(crate) struct Server<'c> {
    conn: &'c Connection,
    pub docs: HashMap<String, Doc>,
    configs: HashMap<PathBuf, CachedConfig>,
    dirty: BTreeSet<String>,
    /// The client applies workspace edits that create files
    /// (`documentChanges` with the `create` resource operation).
    pub create_files: bool,
}

fn file_path(uri: &lsp::Uri) -> Option<PathBuf> {
    url::Url::parse(uri.as_str()).ok()?.to_file_path().ok()
}

pub(crate) fn uri_of(path: &Path) -> Option<lsp::Uri> {
    url::Url::from_file_path(path).ok()?.as_str().parse().ok()
}

fn mtime(p: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

/// How long to wait for more edits after one before linting (a typing
/// burst arrives within a few milliseconds; a lint takes about as long).
const BURST_WINDOW: std::time::Duration = std::time::Duration::from_millis(5);

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// `shutdown` then `exit`, or the client closed the stream.
    Clean,
    /// `exit` without `shutdown` first.
    ExitWithoutShutdown,
}

/// Run the server on a connection (tests use `Connection::memory`).
///
/// The lifecycle is handled here rather than by lsp-server's
/// `handle_shutdown`, which waits for `exit` on the channel itself and so
/// fails when `exit` arrives in the same batch as `shutdown`: after
/// `shutdown`, requests are answered with InvalidRequest and notifications
/// are ignored until `exit`.
pub fn serve(conn: &Connection) -> Result<Ending, String> {
    let caps = serde_json::to_value(capabilities()).map_err(|e| e.to_string())?;
    let init = conn.initialize(caps).map_err(|e| e.to_string())?;
    let params: lsp::InitializeParams = serde_json::from_value(init).unwrap_or_default();
    let edit_caps = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.workspace_edit.as_ref());
    let create_files = edit_caps.is_some_and(|e| {
        e.document_changes == Some(true)
            && e.resource_operations
                .as_ref()
                .is_some_and(|ops| ops.contains(&lsp::ResourceOperationKind::Create))
    });
    let mut server = Server {
        conn,
        docs: HashMap::new(),
        configs: HashMap::new(),
        dirty: BTreeSet::new(),
        create_files,
    };
    server.watch_config_files(&params);
    let mut shutting_down = false;
    loop {
        let Ok(first) = conn.receiver.recv() else {
            return Ok(Ending::Clean);
        };
        let mut batch = vec![first];
        // Over stdio lsp-server hands messages over one at a time (a
        // rendezvous channel), so a burst of edits is gathered by waiting a
        // moment for the next message after an edit; anything else is
        // handled at once.
        loop {
            let edit_pending = batch.last().is_some_and(|m| {
                matches!(m, Message::Notification(n) if n.method == lsp::notification::DidChangeTextDocument::METHOD)
            });
            let next = if edit_pending {
                conn.receiver.recv_timeout(BURST_WINDOW).ok()
            } else {
                conn.receiver.try_recv().ok()
            };
            match next {
                Some(m) => batch.push(m),
                None => break,
            }
        }
        for mut msg in batch {
            match &mut msg {
                Message::Request(r) => encode_uris(&mut r.params),
                Message::Notification(n) => encode_uris(&mut n.params),
                Message::Response(_) => {}
            }
            match msg {
                Message::Request(req) if shutting_down => server.send(Message::Response(Response::new_err(
                    req.id,
                    ErrorCode::InvalidRequest as i32,
                    "the server is shutting down".into(),
                ))),
                Message::Request(req) if req.method == lsp::request::Shutdown::METHOD => {
                    // What was sent before shutdown is still answered.
                    server.publish_dirty();
                    shutting_down = true;
                    server.send(Message::Response(Response::new_ok(req.id, ())));
                }
                Message::Request(req) => {
                    // Requests see the latest text: publish pending lints first.
                    server.publish_dirty();
                    server.request(req);
                }
                Message::Notification(n) if n.method == lsp::notification::Exit::METHOD => {
                    return Ok(if shutting_down {
                        Ending::Clean
                    } else {
                        Ending::ExitWithoutShutdown
                    });
                }
                Message::Notification(_) if shutting_down => {}
                Message::Notification(n) => server.notification(n),
                Message::Response(_) => {}
            }
        }
        if !shutting_down {
            server.publish_dirty();
        }
    }
}

impl Server<'_> {
    fn send(&self, msg: Message) {
        let _ = self.conn.sender.send(msg);
    }

    fn notify<N: lsp::notification::Notification>(&self, params: N::Params) {
        self.send(Message::Notification(Notification::new(N::METHOD.to_string(), params)));
    }

    /// Ask the client to tell us about config file changes, when it can.
    fn watch_config_files(&self, params: &lsp::InitializeParams) {
        let dynamic = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        if !dynamic {
            return;
        }
        let options = lsp::DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![lsp::FileSystemWatcher {
                glob_pattern: lsp::GlobPattern::String(format!("**/{}", crate::config::FILE_NAME)),
                kind: None,
            }],
        };
        let params = lsp::RegistrationParams {
            registrations: vec![lsp::Registration {
                id: "procore-manifest-config".into(),
                method: lsp::notification::DidChangeWatchedFiles::METHOD.into(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.send(Message::Request(Request::new(
            lsp_server::RequestId::from("register-config-watch".to_string()),
            lsp::request::RegisterCapability::METHOD.into(),
            params,
        )));
    }

    fn request(&mut self, req: Request) {
        let id = req.id.clone();
        let method = req.method.clone();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.dispatch(req)));
        let response = match outcome {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err((code, message))) => Response::new_err(id, code as i32, message),
            Err(_) => Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                format!("procore-manifest: internal error while handling {method}; the server keeps running"),
            ),
        };
        self.send(Message::Response(response));
    }

    fn dispatch(&mut self, req: Request) -> Result<serde_json::Value, (ErrorCode, String)> {
        fn params<P: serde::de::DeserializeOwned>(req: Request) -> Result<P, (ErrorCode, String)> {
            serde_json::from_value(req.params).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
        }
        let to_value =
            |v: serde_json::Result<serde_json::Value>| v.map_err(|e| (ErrorCode::InternalError, e.to_string()));
        match req.method.as_str() {
            lsp::request::CodeActionRequest::METHOD => {
                let p: lsp::CodeActionParams = params(req)?;
                to_value(serde_json::to_value(features::code_actions(self, &p)))
            }
            lsp::request::HoverRequest::METHOD => {
                let p: lsp::HoverParams = params(req)?;
                to_value(serde_json::to_value(features::hover(self, &p)))
            }
            lsp::request::Completion::METHOD => {
                let p: lsp::CompletionParams = params(req)?;
                to_value(serde_json::to_value(features::completion(self, &p)))
            }
            lsp::request::ExecuteCommand::METHOD => {
                let p: lsp::ExecuteCommandParams = params(req)?;
                features::execute_command(self, &p)
            }
            lsp::request::Initialize::METHOD => {
                Err((ErrorCode::InvalidRequest, "the server is already initialized".into()))
            }
            "procore-manifest/testPanic" if std::env::var_os("PROCORE_MANIFEST_LSP_TEST").is_some() => {
                panic!("requested by a test")
            }
            other => Err((ErrorCode::MethodNotFound, format!("unknown method {other}"))),
        }
    }

    fn notification(&mut self, n: Notification) {
        use lsp::notification as N;
        match n.method.as_str() {
            N::DidOpenTextDocument::METHOD => {
                if let Ok(p) = n.extract::<lsp::DidOpenTextDocumentParams>(N::DidOpenTextDocument::METHOD) {
                    let key = p.text_document.uri.as_str().to_string();
                    self.docs.insert(
                        key.clone(),
                        Doc {
                            path: file_path(&p.text_document.uri),
                            uri: p.text_document.uri,
                            text: p.text_document.text,
                            version: p.text_document.version,
                        },
                    );
                    self.dirty.insert(key);
                }
            }
            N::DidChangeTextDocument::METHOD => {
                if let Ok(p) = n.extract::<lsp::DidChangeTextDocumentParams>(N::DidChangeTextDocument::METHOD) {
                    let key = p.text_document.uri.as_str().to_string();
                    if let (Some(doc), Some(change)) = (self.docs.get_mut(&key), p.content_changes.into_iter().last()) {
                        // Full sync: the last change holds the whole text.
                        doc.text = change.text;
                        doc.version = p.text_document.version;
                        self.dirty.insert(key);
                    }
                }
            }
            N::DidSaveTextDocument::METHOD => {
                if let Ok(p) = n.extract::<lsp::DidSaveTextDocumentParams>(N::DidSaveTextDocument::METHOD) {
                    let is_config = file_path(&p.text_document.uri)
                        .is_some_and(|f| f.file_name().is_some_and(|n| n == crate::config::FILE_NAME));
                    if is_config {
                        self.configs_changed();
                    } else {
                        self.dirty.insert(p.text_document.uri.as_str().to_string());
                    }
                }
            }
            N::DidCloseTextDocument::METHOD => {
                if let Ok(p) = n.extract::<lsp::DidCloseTextDocumentParams>(N::DidCloseTextDocument::METHOD) {
                    let key = p.text_document.uri.as_str().to_string();
                    self.docs.remove(&key);
                    self.dirty.remove(&key);
                    self.notify::<N::PublishDiagnostics>(lsp::PublishDiagnosticsParams {
                        uri: p.text_document.uri,
                        diagnostics: Vec::new(),
                        version: None,
                    });
                }
            }
            N::DidChangeWatchedFiles::METHOD => self.configs_changed(),
            _ => {}
        }
    }

    /// A config file changed: forget every cached config, re-lint every
    /// open document.
    fn configs_changed(&mut self) {
        self.configs.clear();
        let keys: Vec<String> = self.docs.keys().cloned().collect();
        self.dirty.extend(keys);
    }

    /// The config governing a file, re-read when its modification time changed.
    pub(crate) fn config_for(&mut self, path: &Path) -> Option<Result<Arc<Config>, ConfigError>> {
        let found = crate::config::discover(path.parent().unwrap_or(Path::new(".")))?;
        let now = mtime(&found);
        let fresh = self.configs.get(&found).is_some_and(|c| c.mtime == now);
        if !fresh {
            let config = Config::load(&found).map(Arc::new);
            self.configs.insert(found.clone(), CachedConfig { mtime: now, config });
        }
        self.configs.get(&found).map(|c| c.config.clone())
    }

    fn publish_dirty(&mut self) {
        let dirty = std::mem::take(&mut self.dirty);
        for key in dirty {
            let Some(doc) = self.docs.get(&key) else { continue };
            let (uri, version, path, text) = (doc.uri.clone(), doc.version, doc.path.clone(), doc.text.clone());
            let mut diagnostics = self.diagnostics(&uri, path.as_deref(), &text);
            for d in &mut diagnostics {
                if let Some(serde_json::Value::Object(data)) = &mut d.data {
                    data.insert("version".into(), version.into());
                }
            }
            self.notify::<lsp::notification::PublishDiagnostics>(lsp::PublishDiagnosticsParams {
                uri,
                diagnostics,
                version: Some(version),
            });
        }
    }

    /// The settings and config for a document.
    pub(crate) fn settings_for(&mut self, path: Option<&Path>) -> (Settings, Option<Arc<Config>>, Option<ConfigError>) {
        match path.and_then(|p| self.config_for(p)) {
            None => (Settings::default(), None, None),
            Some(Ok(c)) => (c.settings.clone(), Some(c), None),
            Some(Err(e)) => (Settings::default(), None, Some(e)),
        }
    }

    /// Everything `check` would report for this document, as LSP diagnostics.
    fn diagnostics(&mut self, uri: &lsp::Uri, path: Option<&Path>, text: &str) -> Vec<lsp::Diagnostic> {
        let (settings, config, config_error) = self.settings_for(path);
        let name = path.map_or_else(|| uri.as_str().to_string(), crate::cli::display_path);
        let parsed = crate::Parsed::from_text(text.to_string());
        if !is_manifest(uri, path, config.as_deref(), &parsed, false) {
            return Vec::new();
        }
        let mut report = crate::lint_parsed(&name, parsed, &settings);
        if let (Some(c), Some(p)) = (&config, path) {
            let mut usage = crate::suppress::AllowUse::default();
            crate::suppress::apply_allows(
                &mut report,
                c,
                c.relative(p).as_deref(),
                &crate::config::today(),
                &mut usage,
            );
        }
        let lines = report.lines().clone();
        let mut out: Vec<lsp::Diagnostic> = report
            .diagnostics
            .iter()
            .filter(|d| d.is_active())
            .map(|d| convert::diagnostic(d, uri, &lines, &report.text))
            .collect();
        if let Some(e) = config_error {
            out.insert(0, config_diagnostic(&e));
        }
        out
    }
}

/// Percent-encode, in every `uri` member of `params`, the characters
/// RFC 3986 does not allow there. Some clients (Helix and Zed, through the
/// `url` crate) send `[`, `]`, `^` or `|` unencoded, which lsp-types' strict
/// URI type rejects: the document would be dropped silently. The encoded
/// form names the same file.
fn encode_uris(params: &mut serde_json::Value) {
    fn allowed(c: char) -> bool {
        c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/?#%".contains(c)
    }
    match params {
        serde_json::Value::Object(m) => {
            for (k, v) in m.iter_mut() {
                match v {
                    serde_json::Value::String(u) if k == "uri" && !u.chars().all(allowed) => {
                        let mut out = String::with_capacity(u.len() + 8);
                        for c in u.chars() {
                            if allowed(c) {
                                out.push(c);
                            } else {
                                let mut buf = [0; 4];
                                for b in c.encode_utf8(&mut buf).bytes() {
                                    out.push_str(&format!("%{b:02X}"));
                                }
                            }
                        }
                        *u = out;
                    }
                    _ => encode_uris(v),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(encode_uris),
        _ => {}
    }
}

/// Is this document a manifest, by the test of `check`'s directory walk
/// (`crate::cli::is_manifest`, on the file's name, for an `untitled:` URI
/// its last segment), and never the config file itself? `typing`: hover and
/// completion, on text that may be half-typed.
pub(crate) fn is_manifest(
    uri: &lsp::Uri,
    path: Option<&Path>,
    config: Option<&Config>,
    parsed: &crate::Parsed,
    typing: bool,
) -> bool {
    let name = match path.and_then(Path::file_name) {
        Some(n) => n.to_string_lossy().into_owned(),
        None => uri.as_str().rsplit(['/', ':']).next().unwrap_or_default().to_string(),
    };
    let include_matched = config.and_then(|c| {
        let rel = path.and_then(|p| c.relative(p))?;
        c.include.as_ref().map(|g| g.is_match(rel))
    });
    name != crate::config::FILE_NAME && crate::cli::is_manifest(&name, parsed, include_matched, typing)
}

/// X002: a bad config, shown at the top of the manifest it governs.
fn config_diagnostic(e: &ConfigError) -> lsp::Diagnostic {
    let rule = &crate::rules::audit::X002;
    lsp::Diagnostic {
        range: lsp::Range::new(lsp::Position::new(0, 0), lsp::Position::new(0, 1)),
        severity: Some(lsp::DiagnosticSeverity::ERROR),
        code: Some(lsp::NumberOrString::String(rule.code.into())),
        code_description: convert::docs_url(rule.code)
            .parse()
            .ok()
            .map(|href| lsp::CodeDescription { href }),
        source: Some(convert::SOURCE.into()),
        message: format!("invalid config: {}", e.one_line()),
        related_information: None,
        tags: None,
        data: None,
    }
}

/// Lint text for the language server's benchmark: the whole per-change work
/// (parse, rules, conversion) without a connection. Returns the number of
/// diagnostics.
pub fn relint_for_bench(text: &str) -> usize {
    let report = lint_source("manifest.json", text, &Settings::default());
    let lines = report.lines().clone();
    let uri: lsp::Uri = match "file:///bench/manifest.json".parse() {
        Ok(u) => u,
        Err(_) => return 0,
    };
    report
        .diagnostics
        .iter()
        .map(|d| convert::diagnostic(d, &uri, &lines, &report.text))
        .filter(|d| d.range.start <= d.range.end)
        .count()
}
