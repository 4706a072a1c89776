//! The server loop: read messages in batches, dispatch each request and
//! notification to its handler in `api/`, publish the diagnostics of edited
//! documents.
//!
//! Messages are read in batches: every message already waiting (and, after
//! an edit, any that follows within a few milliseconds) is handled before
//! anything is published, so a burst of edits lints only the latest text of
//! each document. A panic in a handler answers that request with an
//! error and the server keeps serving.

use super::api::{self, requests};
use super::capabilities;
use super::session::{Done, Session};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types as lsp;
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;

pub(crate) struct Server<'c> {
    conn: &'c Connection,
    pub session: Session,
    /// Where background lints send their result.
    done_tx: crossbeam_channel::Sender<Done>,
    /// Requests waiting for their document's lint.
    deferred: Vec<Request>,
    /// URIs the client sent with characters RFC 3986 does not allow, by
    /// their encoded form (`convert::encode_uris`).
    client_uris: std::collections::HashMap<String, String>,
}

/// How long to wait for more edits after one before linting (a typing
/// burst arrives within a few milliseconds; a lint takes about as long).
const BURST_WINDOW: std::time::Duration = std::time::Duration::from_millis(5);

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// `shutdown` then `exit`.
    Clean,
    /// The client closed the stream before `exit` (after `shutdown` or
    /// not): the LSP specification's exit code for that is 1.
    Closed,
    /// `exit` without `shutdown` first.
    ExitWithoutShutdown,
}

/// How long `shutdown` waits for the lints still running.
const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(1);

/// Run the server on a connection (tests use `Connection::memory`).
///
/// The lifecycle is handled here rather than by lsp-server's
/// `handle_shutdown`, which waits for `exit` on the channel itself and so
/// fails when `exit` arrives in the same batch as `shutdown`: after
/// `shutdown`, requests are answered with InvalidRequest and notifications
/// are ignored until `exit`.
pub fn serve(conn: &Connection) -> Result<Ending, String> {
    let caps = serde_json::to_value(capabilities()).map_err(|e| e.to_string())?;
    let (id, init) = super::transport::initialize_request(conn)?;
    conn.initialize_finish(id, serde_json::json!({ "capabilities": caps }))
        .map_err(super::transport::initialized_error)?;
    // What the server uses of `initialize`, read from the JSON itself: a
    // part lsp-types cannot read (a raw `[` in `rootUri`, `trace:
    // "compact"`, `processId` as a string, a resource operation it does not
    // know) made the whole of it fall back to defaults in silence.
    let flag = |pointer: &str| init.pointer(pointer).and_then(serde_json::Value::as_bool) == Some(true);
    let create_files = flag("/capabilities/workspace/workspaceEdit/documentChanges")
        && init
            .pointer("/capabilities/workspace/workspaceEdit/resourceOperations")
            .and_then(serde_json::Value::as_array)
            .is_some_and(|ops| ops.iter().any(|o| o == "create"));
    let watch = flag("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration");
    let options = init.get("initializationOptions").filter(|o| !o.is_null()).cloned();
    let resolver = super::settings::editor_settings(options.as_ref());
    let (done_tx, done_rx) = crossbeam_channel::unbounded();
    let mut server = Server {
        conn,
        session: Session {
            create_files,
            resolver,
            ..Session::new()
        },
        done_tx,
        deferred: Vec::new(),
        client_uris: Default::default(),
    };
    if watch {
        server.watch_config_files();
    }
    let mut shutting_down = false;
    loop {
        // A finished lint or a message from the client, whichever comes
        // first: a long lint never holds up another document.
        let first = crossbeam_channel::select! {
            recv(done_rx) -> done => {
                if let Ok(done) = done {
                    server.finished(done);
                }
                server.schedule();
                continue;
            }
            recv(conn.receiver) -> msg => match msg {
                Ok(m) => m,
                Err(_) => return Ok(Ending::Closed),
            },
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
                Message::Request(r) => super::convert::encode_uris(&mut r.params, &mut server.client_uris),
                Message::Notification(n) => super::convert::encode_uris(&mut n.params, &mut server.client_uris),
                Message::Response(_) => {}
            }
            match msg {
                Message::Request(req) if shutting_down => server.send(Message::Response(Response::new_err(
                    req.id,
                    ErrorCode::InvalidRequest as i32,
                    "the server is shutting down".into(),
                ))),
                Message::Request(req) if req.method == lsp::request::Shutdown::METHOD => {
                    // What was sent before shutdown is still linted and
                    // answered, for a second at most (a client gives
                    // `shutdown` a few seconds): then the lints still running
                    // are cancelled and the requests waiting for them
                    // answered RequestCancelled.
                    let deadline = std::time::Instant::now() + SHUTDOWN_GRACE;
                    server.schedule();
                    while server.session.busy() {
                        match done_rx.recv_deadline(deadline) {
                            Ok(done) => server.finished(done),
                            Err(_) => break,
                        }
                        server.schedule();
                    }
                    server.session.cancel_all();
                    server.cancel_deferred(None, "the server is shutting down");
                    shutting_down = true;
                    server.send(Message::Response(Response::new_ok(req.id, ())));
                }
                Message::Request(req) => {
                    // Requests about a document see its latest text: they wait
                    // for its lint (without holding up anything else).
                    server.schedule();
                    server.request_or_defer(req);
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
            server.schedule();
        }
    }
}

/// The document a request is about, if any.
fn request_document(req: &Request) -> Option<String> {
    let p = &req.params;
    p.pointer("/textDocument/uri")
        .and_then(serde_json::Value::as_str)
        .map(str::to_string)
}

impl Server<'_> {
    /// Send `msg`, naming each document the way the client did.
    pub(crate) fn send(&self, mut msg: Message) {
        super::convert::restore_message(&mut msg, &self.client_uris);
        let _ = self.conn.sender.send(msg);
    }

    pub(crate) fn notify<N: lsp::notification::Notification>(&self, params: N::Params) {
        self.send(Message::Notification(Notification::new(N::METHOD.to_string(), params)));
    }

    /// Ask the client to tell us about config file changes (it said it can
    /// register watchers).
    fn watch_config_files(&self) {
        let options = lsp::DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![lsp::FileSystemWatcher {
                glob_pattern: lsp::GlobPattern::String(format!("**/{}", crate::workspace::config::FILE_NAME)),
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
                to_value(serde_json::to_value(requests::code_action::run(&mut self.session, &p)))
            }
            lsp::request::HoverRequest::METHOD => {
                let p: lsp::HoverParams = params(req)?;
                to_value(serde_json::to_value(requests::hover::run(&mut self.session, &p)))
            }
            lsp::request::Completion::METHOD => {
                let p: lsp::CompletionParams = params(req)?;
                to_value(serde_json::to_value(requests::completion::run(&mut self.session, &p)))
            }
            lsp::request::ExecuteCommand::METHOD => {
                let p: lsp::ExecuteCommandParams = params(req)?;
                let text = if p.command == super::acceptance::RECORD_COMMAND {
                    let arg = |i: usize| {
                        p.arguments
                            .get(i)
                            .and_then(|a| a.as_str())
                            .unwrap_or_default()
                            .to_string()
                    };
                    let written = super::acceptance::write_new_config(std::path::Path::new(&arg(0)), &arg(1))
                        .map_err(|e| (ErrorCode::InvalidParams, e))?;
                    // The new config governs the open manifests: lint them again.
                    self.session.configs_changed();
                    self.schedule();
                    written
                } else {
                    requests::execute_command::run(&p)?
                };
                self.notify::<lsp::notification::ShowMessage>(lsp::ShowMessageParams {
                    typ: lsp::MessageType::INFO,
                    message: text.clone(),
                });
                Ok(serde_json::Value::String(text))
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
        use api::notifications as handle;
        use lsp::notification as N;
        fn params<P: serde::de::DeserializeOwned>(n: Notification) -> Option<P> {
            serde_json::from_value(n.params).ok()
        }
        match n.method.as_str() {
            N::DidOpenTextDocument::METHOD => params(n).map(|p| handle::did_open::run(&mut self.session, p)),
            N::DidChangeTextDocument::METHOD => params(n).map(|p| handle::did_change::run(&mut self.session, p)),
            N::DidSaveTextDocument::METHOD => params(n).map(|p| handle::did_save::run(&mut self.session, p)),
            N::DidCloseTextDocument::METHOD => params(n).map(|p| {
                let cleared = handle::did_close::run(&mut self.session, p);
                self.notify::<lsp::notification::PublishDiagnostics>(cleared);
            }),
            N::Cancel::METHOD => params::<lsp::CancelParams>(n).map(|p| {
                let id = match p.id {
                    lsp::NumberOrString::Number(n) => lsp_server::RequestId::from(n),
                    lsp::NumberOrString::String(s) => lsp_server::RequestId::from(s),
                };
                self.cancel_deferred(Some(&id), "cancelled by the client");
            }),
            N::DidChangeWatchedFiles::METHOD => {
                self.session.configs_changed();
                Some(())
            }
            _ => None,
        };
    }

    /// Start a background lint for every edited document that has none
    /// running.
    pub(crate) fn schedule(&mut self) {
        for job in self.session.jobs() {
            let tx = self.done_tx.clone();
            let (nothing, not_started) = (job.nothing(), job.nothing());
            let spawned = std::thread::Builder::new()
                .name("procore-manifest-lint".into())
                .spawn(move || {
                    // A panic in a lint is not the end of the session: the
                    // document gets no diagnostics for that text, and is no
                    // longer being linted (hover and the next lint would
                    // wait for it forever).
                    let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job.run()));
                    let _ = tx.send(done.unwrap_or(nothing));
                });
            if let Err(e) = spawned {
                // The system refused a thread: the document is not left
                // marked as being linted.
                eprintln!("procore-manifest lsp: cannot start a lint thread: {e}");
                self.finished(not_started);
            }
        }
    }

    /// A background lint ended: publish it when it is the lint of the
    /// current text, then answer the requests that waited for it.
    pub(crate) fn finished(&mut self, done: Done) {
        if let Some((uri, version, diagnostics)) = self.session.finish(done) {
            self.notify::<lsp::notification::PublishDiagnostics>(lsp::PublishDiagnosticsParams {
                uri,
                diagnostics,
                version: Some(version),
            });
        }
        let waiting = std::mem::take(&mut self.deferred);
        for req in waiting {
            self.request_or_defer(req);
        }
    }

    /// Answer RequestCancelled to the requests waiting for a lint: the one
    /// with `id`, or all of them.
    fn cancel_deferred(&mut self, id: Option<&lsp_server::RequestId>, why: &str) {
        let (cancelled, waiting): (Vec<Request>, Vec<Request>) = std::mem::take(&mut self.deferred)
            .into_iter()
            .partition(|r| id.is_none_or(|id| &r.id == id));
        self.deferred = waiting;
        for req in cancelled {
            self.send(Message::Response(Response::new_err(
                req.id,
                ErrorCode::RequestCanceled as i32,
                why.into(),
            )));
        }
    }

    /// Answer a request now, or when its document's lint is current.
    fn request_or_defer(&mut self, req: Request) {
        let waits = matches!(
            req.method.as_str(),
            lsp::request::HoverRequest::METHOD | lsp::request::Completion::METHOD
        ) && request_document(&req).is_some_and(|k| !self.session.is_current(&k));
        if waits {
            self.deferred.push(req);
        } else {
            self.request(req);
        }
    }
}
