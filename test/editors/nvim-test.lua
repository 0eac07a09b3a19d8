-- Real-editor test: Neovim 0.7 with the Neovim 0.7 configuration from docs/editors.md.
-- run.sh puts that configuration in $XDG_CONFIG_HOME/nvim/init.lua and an `mlsec-ls` on PATH that
-- runs `node <server> --stdio`; this driver then checks that the configuration started the server
-- for the fixture copy, checks the published diagnostics at exact positions, applies each expected
-- quick fix the way `vim.lsp.buf.code_action()` would (cursor on the diagnostic, line diagnostics
-- in the context, action picked by title), writes the file and checks it on disk.
-- Run by run.sh:  nvim --headless -i NONE -n -c 'luafile nvim-test.lua' <project>/app.py
-- Columns: Neovim keeps byte columns; the expectations are LSP UTF-16 columns, so convert.

vim.o.swapfile = false
vim.o.shadafile = 'NONE'

local function env(name)
  local value = os.getenv(name)
  if value == nil or value == '' then error(name .. ' is not set (run test/editors/run.sh)') end
  return value
end

local SPEC_PATH = env('MLSEC_EDITOR_SPEC')
local EXPECTED_PATH = env('MLSEC_EDITOR_EXPECTED')
local TIMEOUT_MS = 10000

local passed, failed = 0, 0

local function out(line)
  -- In --headless mode print() goes to the message area; io.stdout is the real stdout.
  io.stdout:write(line .. '\n')
  io.stdout:flush()
end

local function check(ok, name, detail)
  if ok then
    passed = passed + 1
    out('  ok   ' .. name)
  else
    failed = failed + 1
    out('  FAIL ' .. name .. (detail and ('\n       ' .. detail) or ''))
  end
  return ok
end

local function finish()
  out(('neovim: %d passed, %d failed'):format(passed, failed))
  vim.cmd(failed == 0 and 'qall!' or 'cquit 1')
end

local function read_file(path)
  local f = assert(io.open(path, 'rb'))
  local text = f:read('*a')
  f:close()
  return text
end

-- One comparable line per diagnostic: code, 0-based line, UTF-16 start-end, severity, source.
local function describe(d)
  return ('%s %d:%d-%d:%d severity=%s source=%s'):format(d.code, d.line, d.start, d.end_line, d['end'], d.severity, d.source)
end

local function describe_all(list)
  local lines = vim.tbl_map(describe, list)
  table.sort(lines)
  return table.concat(lines, '\n       ')
end

local function expected_diagnostics(spec_list)
  return vim.tbl_map(function(e)
    return { code = e.code, line = e.line, start = e.start, end_line = e.line, ['end'] = e['end'], severity = e.severity, source = e.source }
  end, spec_list)
end

local function utf16_col(bufnr, lnum, byte_col)
  local text = vim.api.nvim_buf_get_lines(bufnr, lnum, lnum + 1, false)[1] or ''
  local _, col16 = vim.str_utfindex(text, math.min(byte_col, #text))
  return col16
end

-- What the user sees: the diagnostics Neovim holds for the buffer, in LSP UTF-16 terms.
local function shown_diagnostics(bufnr)
  return vim.tbl_map(function(d)
    return {
      code = tostring(d.code), line = d.lnum, start = utf16_col(bufnr, d.lnum, d.col),
      end_line = d.end_lnum, ['end'] = utf16_col(bufnr, d.end_lnum, d.end_col),
      severity = d.severity, source = tostring(d.source),
    }
  end, vim.diagnostic.get(bufnr))
end

local function wait_for_diagnostics(bufnr, expected)
  local want = describe_all(expected)
  local ok = vim.wait(TIMEOUT_MS, function() return describe_all(shown_diagnostics(bufnr)) == want end, 50)
  return ok, want, describe_all(shown_diagnostics(bufnr))
end

local function find_diagnostic(bufnr, code, line)
  for _, d in ipairs(vim.diagnostic.get(bufnr, { lnum = line })) do
    if tostring(d.code) == code then return d end
  end
end

-- Runs a chosen code action as Neovim 0.7's code_action handler does: resolve when the action
-- carries neither edit nor command, apply the edit, then execute the command.
local function execute_action(client, bufnr, action)
  local caps = client.server_capabilities.codeActionProvider
  if not action.edit and not action.command and type(caps) == 'table' and caps.resolveProvider then
    local resp = client.request_sync('codeAction/resolve', action, TIMEOUT_MS, bufnr)
    if not resp or resp.err then return false, 'codeAction/resolve failed: ' .. vim.inspect(resp) end
    action = resp.result
  end
  if not action.edit and not action.command then return false, 'the action has neither edit nor command' end
  if action.edit then vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding) end
  if action.command then
    local command = type(action.command) == 'table' and action.command or action
    local resp = client.request_sync('workspace/executeCommand', command, TIMEOUT_MS, bufnr)
    if not resp or resp.err then return false, 'executeCommand failed: ' .. vim.inspect(resp) end
  end
  return true
end

local function apply_fix(client, bufnr, fix)
  local name = ('%s on line %d: quick fix "%s"'):format(fix.code, fix.line, fix.title)
  local target = find_diagnostic(bufnr, fix.code, fix.line)
  if not check(target ~= nil, name .. ': diagnostic present', describe_all(shown_diagnostics(bufnr))) then return end
  vim.api.nvim_win_set_cursor(0, { target.lnum + 1, target.col })
  local params = vim.lsp.util.make_range_params(0, client.offset_encoding)
  params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr), only = { 'quickfix' } }
  local responses, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, TIMEOUT_MS)
  if not check(responses ~= nil, name .. ': codeAction answered', tostring(err)) then return end
  local titles, matching = {}, {}
  for _, resp in pairs(responses) do
    for _, action in ipairs(resp.result or {}) do
      table.insert(titles, action.title)
      if action.title == fix.title then table.insert(matching, action) end
    end
  end
  if not check(#matching == 1, name .. ': offered exactly once', 'actions offered: ' .. vim.inspect(titles)) then return end
  local ok, why = execute_action(client, bufnr, matching[1])
  if not check(ok, name .. ': applied', why) then return end
  local gone = vim.wait(TIMEOUT_MS, function() return find_diagnostic(bufnr, fix.code, fix.line) == nil end, 50)
  check(gone, name .. ': diagnostic cleared', describe_all(shown_diagnostics(bufnr)))
end

local function run()
  local spec = vim.json.decode(read_file(SPEC_PATH))
  local bufnr = vim.api.nvim_get_current_buf()
  local path = vim.api.nvim_buf_get_name(bufnr)
  local t0 = vim.loop.hrtime()
  local client
  local attached = vim.wait(TIMEOUT_MS, function()
    for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
      if c.name == 'mlsec' and c.initialized then client = c end
    end
    return client ~= nil
  end, 50)
  if not check(attached, 'the documented configuration started mlsec-ls for the buffer') then return finish() end

  local ok, want, got = wait_for_diagnostics(bufnr, expected_diagnostics(spec.diagnostics))
  check(ok, 'diagnostics at exact positions', ('expected:\n       %s\n       shown:\n       %s'):format(want, got))
  out(('  (diagnostics after %.0f ms)'):format((vim.loop.hrtime() - t0) / 1e6))

  -- Without it Neovim does not even send the request (buf_request_sync then just times out).
  check(client.server_capabilities.codeActionProvider, 'server advertises code actions')
  for _, fix in ipairs(spec.fixes) do apply_fix(client, bufnr, fix) end

  vim.cmd('write')
  local on_disk, expected_text = read_file(path), read_file(EXPECTED_PATH)
  check(on_disk == expected_text, 'file on disk has the fixed text',
    ('expected:\n%s\n       on disk:\n%s'):format(expected_text, on_disk))

  ok, want, got = wait_for_diagnostics(bufnr, expected_diagnostics(spec.diagnosticsAfterFixes))
  check(ok, 'diagnostics after the fixes', ('expected:\n       %s\n       shown:\n       %s'):format(want, got))

  client.stop()
  vim.wait(2000, function() return vim.lsp.get_client_by_id(client.id) == nil end, 50)
  out(('  (total %.0f ms)'):format((vim.loop.hrtime() - t0) / 1e6))
  finish()
end

-- Start once the file named on the command line is loaded and its filetype set.
local function start()
  vim.schedule(function()
    local ok, err = pcall(run)
    if not ok then
      check(false, 'driver error', tostring(err))
      finish()
    end
  end)
end
if vim.v.vim_did_enter == 1 then
  start()
else
  vim.api.nvim_create_autocmd('VimEnter', { once = true, callback = start })
end
