//! A language-server client over an in-process connection.

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use procore_manifest::lsp::Ending;
use serde_json::{json, Value};
use std::time::Duration;

pub struct Client {
    pub conn: Connection,
    next_id: i32,
    thread: Option<std::thread::JoinHandle<Result<Ending, String>>>,
}

impl Client {
    pub fn start(capabilities: Value) -> Client {
        Client::start_with(capabilities, Value::Null)
    }

    /// [`Client::start`] with `initializationOptions` (the editor's settings).
    pub fn start_with(capabilities: Value, options: Value) -> Client {
        let (server, client) = Connection::memory();
        let thread = std::thread::spawn(move || procore_manifest::lsp::serve(&server));
        let mut c = Client {
            conn: client,
            next_id: 0,
            thread: Some(thread),
        };
        let r = c.request(
            "initialize",
            json!({ "capabilities": capabilities, "initializationOptions": options }),
        );
        assert!(r["capabilities"]["hoverProvider"].as_bool().unwrap_or(false));
        c.notify("initialized", json!({}));
        c
    }

    /// The code actions offered for one diagnostic of `uri`.
    pub fn code_actions(&mut self, uri: &str, diagnostic: &Value) -> Value {
        self.request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri }, "range": diagnostic["range"], "context": { "diagnostics": [diagnostic] } }),
        )
    }

    pub fn notify(&self, method: &str, params: Value) {
        self.conn
            .sender
            .send(Message::Notification(Notification::new(method.into(), params)))
            .expect("send");
    }

    /// Send a request and return its result (or the error object).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.conn
            .sender
            .send(Message::Request(Request::new(id.clone(), method.into(), params)))
            .expect("send");
        loop {
            match self
                .conn
                .receiver
                .recv_timeout(Duration::from_secs(20))
                .expect("a response")
            {
                Message::Response(r) if r.id == id => {
                    return match (r.result, r.error) {
                        (_, Some(e)) => json!({ "error": { "code": e.code, "message": e.message } }),
                        (Some(v), None) => v,
                        (None, None) => Value::Null,
                    };
                }
                _ => {}
            }
        }
    }

    /// The next publishDiagnostics for `uri`.
    pub fn diagnostics(&self, uri: &str) -> (Vec<Value>, Option<i64>) {
        loop {
            match self
                .conn
                .receiver
                .recv_timeout(Duration::from_secs(20))
                .expect("diagnostics")
            {
                Message::Notification(n) if n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri => {
                    let d = n.params["diagnostics"].as_array().cloned().unwrap_or_default();
                    return (d, n.params["version"].as_i64());
                }
                _ => {}
            }
        }
    }

    /// The publishDiagnostics for `uri` at `version` (earlier ones skipped:
    /// lints run in the background and may end after a later request).
    pub fn diagnostics_at(&self, uri: &str, version: i64) -> Vec<Value> {
        loop {
            let (d, v) = self.diagnostics(uri);
            if v == Some(version) {
                return d;
            }
        }
    }

    pub fn open(&self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "json", "version": 1, "text": text } }),
        );
    }

    pub fn change(&self, uri: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [ { "text": text } ] }),
        );
    }

    pub fn stop(mut self) {
        let r = self.request("shutdown", Value::Null);
        assert!(r.is_null());
        self.notify("exit", Value::Null);
        let result = self.thread.take().expect("thread").join().expect("server thread");
        assert_eq!(result, Ok(Ending::Clean));
    }

    /// The session's ending after the messages `send` sends (and nothing else).
    pub fn end_with(mut self, send: impl FnOnce(&mut Client)) -> Result<Ending, String> {
        send(&mut self);
        self.thread.take().expect("thread").join().expect("server thread")
    }
}

pub fn uri_in(dir: &std::path::Path, name: &str) -> String {
    url::Url::from_file_path(dir.join(name)).expect("file uri").to_string()
}

pub fn codes(d: &[Value]) -> Vec<String> {
    d.iter()
        .filter_map(|x| x["code"].as_str().map(str::to_string))
        .collect()
}
