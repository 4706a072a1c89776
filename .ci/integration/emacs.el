;;; emacs.el --- Emacs (eglot) drives `procore-manifest lsp' in batch mode.
;; Opens the manifest given in PM_FILE, connects eglot to PM_BIN, waits for
;; the diagnostics, checks their codes, applies the quick fix of P001
;; through the server's code action, and checks the text it wrote.
;; Exits 0 when all holds, 1 otherwise (with the reason on stderr).

;; Debian's elpa-* packages (eglot and what it needs), which -Q leaves out.
(dolist (dir (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa/*"))
  (add-to-list 'load-path dir))
(require 'eglot)
(require 'flymake)
(require 'seq)

(defun pm-fail (fmt &rest args)
  (princ (concat "emacs: FAIL: " (apply #'format fmt args) "\n") #'external-debugging-output)
  (kill-emacs 1))

(defun pm-wait (what pred seconds)
  "Wait up to SECONDS for PRED, reading process output meanwhile."
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.1))
    (or (funcall pred) (pm-fail "timed out waiting for %s" what))))

(let* ((bin (getenv "PM_BIN"))
       (file (getenv "PM_FILE")))
  ;; The README's recipe: a mode of its own for *.json files (Emacs 28
  ;; opens JSON in js-mode), so JavaScript never gets this server.
  (define-derived-mode procore-json-mode js-mode "JSON")
  (add-to-list 'auto-mode-alist '("\\.json\\'" . procore-json-mode))
  (setq eglot-server-programs
        `(((procore-json-mode json-mode json-ts-mode js-json-mode) . (,bin "lsp"))))
  (setq eglot-sync-connect t)
  (with-temp-buffer
    (js-mode)
    (when (eglot--lookup-mode 'js-mode) (pm-fail "a .js buffer would get the server")))
  (find-file file)
  (unless (eq major-mode 'procore-json-mode) (pm-fail "%s opened in %s, not procore-json-mode" file major-mode))
  (eglot '(procore-json-mode) (cons 'transient (file-name-directory file)) 'eglot-lsp-server (list bin "lsp") "json")
  (unless (eglot-current-server) (pm-fail "eglot did not connect"))
  (flymake-mode 1)
  (pm-wait "diagnostics"
           (lambda () (seq-some (lambda (d) (string-match-p "P001" (flymake-diagnostic-text d)))
                                (flymake-diagnostics)))
           30)
  (let* ((texts (mapcar #'flymake-diagnostic-text (flymake-diagnostics)))
         (all (mapconcat #'identity texts "\n")))
    (princ (format "emacs: %d diagnostics:\n%s\n" (length texts) all))
    (dolist (code '("R001" "P001"))
      (unless (string-match-p code all) (pm-fail "no %s diagnostic" code))))
  ;; The quick fix of P001, as `M-x eglot-code-actions' would apply it.
  (let* ((p001 (seq-find (lambda (d) (string-match-p "P001" (flymake-diagnostic-text d)))
                         (flymake-diagnostics)))
         (beg (flymake-diagnostic-beg p001))
         (end (flymake-diagnostic-end p001))
         (server (eglot-current-server))
         (actions (jsonrpc-request
                   server :textDocument/codeAction
                   (list :textDocument (eglot--TextDocumentIdentifier)
                         :range (list :start (eglot--pos-to-lsp-position beg)
                                      :end (eglot--pos-to-lsp-position end))
                         :context (list :diagnostics
                                        (vconcat (mapcar (lambda (d) (cdr (assoc (quote eglot-lsp-diag) (flymake-diagnostic-data d))))
                                                         (list p001)))))))
         (fix (seq-find (lambda (a) (string-prefix-p "Fix P001" (plist-get a :title)))
                        (append actions nil))))
    (unless fix (pm-fail "no \"Fix P001\" code action among %S" (mapcar (lambda (a) (plist-get a :title)) actions)))
    (eglot--apply-workspace-edit (plist-get fix :edit))
    (unless (string-match-p "\"rfi\": \"readonly\"" (buffer-string))
      (pm-fail "the quick fix did not write \"readonly\":\n%s" (buffer-string)))
    (princ "emacs: the quick fix of P001 wrote \"readonly\"\n"))
  (eglot-shutdown (eglot-current-server))
  (kill-emacs 0))
