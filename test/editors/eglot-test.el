;;; eglot-test.el --- real-editor test: Emacs 28 + eglot against mlsec-ls  -*- lexical-binding: t -*-
;;
;; run.sh puts the eglot configuration from docs/editors.md in ~/.emacs.d/init.el (HOME and XDG_*
;; are a temp folder) and an `mlsec-ls' on PATH that runs `node <server> --stdio'.  This driver loads
;; that init file (batch Emacs skips it), opens the fixture copy in the current directory, checks
;; that the configuration started the server, checks the diagnostics flymake shows at exact
;; positions, asks for quick fixes over each diagnostic's region the way `eglot-code-actions' does,
;; runs the one with the expected title as eglot would, saves, and compares the file on disk.
;; Run by run.sh:  emacs --batch -l eglot-test.el
;; Columns: flymake works in buffer positions; the expectations are LSP UTF-16 columns, so convert.

(require 'cl-lib)
(require 'eglot)
(require 'flymake)

(setq make-backup-files nil create-lockfiles nil auto-save-default nil)

(defun mlsec-test-env (name)
  (let ((value (getenv name)))
    (if (and value (not (string-empty-p value))) value
      (error "%s is not set (run test/editors/run.sh)" name))))

(defconst mlsec-test-spec-path (mlsec-test-env "MLSEC_EDITOR_SPEC"))
(defconst mlsec-test-expected-path (mlsec-test-env "MLSEC_EDITOR_EXPECTED"))
(defconst mlsec-test-timeout 10)

(load (expand-file-name "~/.emacs.d/init.el") nil t)

(defvar mlsec-test-passed 0)
(defvar mlsec-test-failed 0)

(defun mlsec-test-out (fmt &rest args)
  ;; In batch mode `princ' writes to stdout; `message' would go to stderr.
  (princ (concat (apply #'format fmt args) "\n")))

(defun mlsec-test-check (ok name &optional detail)
  (if ok
      (progn (cl-incf mlsec-test-passed) (mlsec-test-out "  ok   %s" name))
    (cl-incf mlsec-test-failed)
    (mlsec-test-out "  FAIL %s%s" name (if detail (concat "\n       " detail) "")))
  ok)

(defun mlsec-test-finish ()
  (mlsec-test-out "emacs: %d passed, %d failed" mlsec-test-passed mlsec-test-failed)
  (kill-emacs (if (zerop mlsec-test-failed) 0 1)))

(defun mlsec-test-read-file (path)
  "PATH's bytes as a unibyte string, so the comparison is exact."
  (with-temp-buffer
    (set-buffer-multibyte nil)
    (insert-file-contents-literally path)
    (buffer-string)))

(defun mlsec-test-wait (pred secs)
  "Process server output until PRED holds or SECS pass.
Batch Emacs never goes idle, so the idle timers that an interactive session relies on never
fire: do their work here.  Eglot's sends the buffer's pending changes (didChange); flymake's
restarts the check so it takes eglot's latest report."
  (let ((deadline (+ (float-time) secs)) (next-start 0))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (when (> (float-time) next-start)
        (when eglot--managed-mode (eglot--signal-textDocument/didChange))
        (flymake-start)
        (setq next-start (+ (float-time) 0.2)))
      (accept-process-output nil 0.05))
    (funcall pred)))

(defun mlsec-test-lsp-position (pos)
  "(LINE . UTF-16-COLUMN) of buffer position POS, both zero-based."
  (save-excursion
    (goto-char pos)
    (cons (1- (line-number-at-pos pos t))
          (cl-loop for c across (buffer-substring-no-properties (line-beginning-position) pos)
                   sum (if (> c #xFFFF) 2 1)))))

(defun mlsec-test-lsp-diag (d)
  (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data d))))

(defun mlsec-test-describe (code start end severity source)
  (format "%s %d:%d-%d:%d severity=%s source=%s"
          code (car start) (cdr start) (car end) (cdr end) severity source))

(defun mlsec-test-shown ()
  "What the user sees: flymake's diagnostics, one sorted line each, in LSP UTF-16 terms."
  (sort (mapcar (lambda (d)
                  (let ((lsp (mlsec-test-lsp-diag d)))
                    (mlsec-test-describe (plist-get lsp :code)
                                         (mlsec-test-lsp-position (flymake-diagnostic-beg d))
                                         (mlsec-test-lsp-position (flymake-diagnostic-end d))
                                         (plist-get lsp :severity) (plist-get lsp :source))))
                (flymake-diagnostics))
        #'string<))

(defun mlsec-test-expected (spec-list)
  (sort (mapcar (lambda (e)
                  (let ((line (plist-get e :line)))
                    (mlsec-test-describe (plist-get e :code)
                                         (cons line (plist-get e :start)) (cons line (plist-get e :end))
                                         (plist-get e :severity) (plist-get e :source))))
                spec-list)
        #'string<))

(defun mlsec-test-check-diagnostics (name spec-list)
  (let ((want (mlsec-test-expected spec-list)))
    (mlsec-test-check (mlsec-test-wait (lambda () (equal (mlsec-test-shown) want)) mlsec-test-timeout)
                      name
                      (format "expected:\n         %s\n       shown:\n         %s"
                              (string-join want "\n         ")
                              (string-join (mlsec-test-shown) "\n         ")))))

(defun mlsec-test-find (code line)
  (cl-find-if (lambda (d)
                (and (equal (plist-get (mlsec-test-lsp-diag d) :code) code)
                     (= (car (mlsec-test-lsp-position (flymake-diagnostic-beg d))) line)))
              (flymake-diagnostics)))

(defun mlsec-test-execute (server action)
  "Run ACTION as eglot 1.9 runs a chosen code action: apply the edit, then the command."
  (let ((edit (plist-get action :edit))
        (command (plist-get action :command)))
    (unless (or edit command) (error "the action has neither edit nor command"))
    (when edit (eglot--apply-workspace-edit edit))
    (when command
      (if (stringp command) ; a bare Command
          (eglot-execute-command server (intern command) (plist-get action :arguments))
        (eglot-execute-command server (intern (plist-get command :command))
                               (plist-get command :arguments))))))

(defun mlsec-test-apply-fix (server fix)
  (let* ((code (plist-get fix :code))
         (line (plist-get fix :line))
         (title (plist-get fix :title))
         (name (format "%s on line %d: quick fix \"%s\"" code line title))
         (target (mlsec-test-find code line)))
    (when (mlsec-test-check target (concat name ": diagnostic present")
                            (string-join (mlsec-test-shown) "\n       "))
      (let* ((actions (eglot-code-actions (flymake-diagnostic-beg target)
                                          (flymake-diagnostic-end target) "quickfix" nil))
             (matching (cl-remove-if-not (lambda (a) (equal (plist-get a :title) title)) actions)))
        (when (mlsec-test-check (= (length matching) 1) (concat name ": offered exactly once")
                                (format "actions offered: %S"
                                        (mapcar (lambda (a) (plist-get a :title)) actions)))
          (mlsec-test-execute server (car matching))
          (mlsec-test-check t (concat name ": applied"))
          (mlsec-test-check (mlsec-test-wait (lambda () (null (mlsec-test-find code line)))
                                             mlsec-test-timeout)
                            (concat name ": diagnostic cleared")
                            (string-join (mlsec-test-shown) "\n       ")))))))

(defun mlsec-test-run ()
  (let* ((spec (with-temp-buffer
                 (insert-file-contents mlsec-test-spec-path)
                 (json-parse-buffer :object-type 'plist :array-type 'list)))
         (t0 (float-time)))
    (find-file (expand-file-name (plist-get spec :file)))
    ;; `eglot-ensure' connects from `post-command-hook', which runs when an interactive command
    ;; (here: opening the file) ends; batch Emacs runs no command loop, so run the hook once.
    (run-hooks 'post-command-hook)
    (let ((server (eglot-current-server)))
      (unless (mlsec-test-check
               (and server (equal (process-command (jsonrpc--process server)) '("mlsec-ls" "--stdio")))
               "the documented configuration started mlsec-ls for the buffer"
               (format "server: %S" (and server (process-command (jsonrpc--process server)))))
        (mlsec-test-finish))
      (flymake-start)
      (mlsec-test-check-diagnostics "diagnostics at exact positions" (plist-get spec :diagnostics))
      (mlsec-test-out "  (diagnostics after %.0f ms)" (* 1000 (- (float-time) t0)))
      (mlsec-test-check (eglot--server-capable :codeActionProvider) "server advertises code actions")
      (dolist (fix (plist-get spec :fixes))
        (condition-case err
            (mlsec-test-apply-fix server fix)
          (error (mlsec-test-check nil (format "%s on line %d: quick fix" (plist-get fix :code) (plist-get fix :line))
                                   (error-message-string err)))))
      (save-buffer)
      (let ((on-disk (mlsec-test-read-file buffer-file-name))
            (expected (mlsec-test-read-file mlsec-test-expected-path)))
        (mlsec-test-check (equal on-disk expected) "file on disk has the fixed text"
                          (format "expected:\n%s\n       on disk:\n%s"
                                  (decode-coding-string expected 'utf-8)
                                  (decode-coding-string on-disk 'utf-8))))
      (mlsec-test-check-diagnostics "diagnostics after the fixes" (plist-get spec :diagnosticsAfterFixes))
      (eglot-shutdown server)
      (mlsec-test-out "  (total %.0f ms)" (* 1000 (- (float-time) t0))))))

(condition-case err
    (mlsec-test-run)
  (error (mlsec-test-check nil "driver error" (error-message-string err))))
(mlsec-test-finish)
