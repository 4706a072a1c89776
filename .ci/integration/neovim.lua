-- Drive procore-manifest's language server from a real editor (Neovim 0.7,
-- headless): diagnostics at the right positions, then a quick fix applied.
-- Exits 0 on success, 1 (cquit) with a message on failure.
local bin = os.getenv("PM_BIN")
local file = os.getenv("PM_FILE")

local function fail(msg)
  io.stderr:write("neovim integration: FAIL: " .. msg .. "\n")
  vim.cmd("cquit 1")
end

local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = "procore-manifest",
    cmd = { bin, "lsp" },
    root_dir = vim.fn.fnamemodify(file, ":h"),
  })
  if not client_id then return fail("the server did not start") end
  vim.lsp.buf_attach_client(buf, client_id)

  local function codes()
    local out = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do out[#out + 1] = d.code end
    table.sort(out)
    return table.concat(out, ",")
  end
  if not vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 end, 50) then
    return fail("no diagnostics arrived")
  end
  local want = "P001,R001"
  if codes() ~= want then return fail("diagnostics " .. codes() .. ", expected " .. want) end

  -- Positions: Neovim turns our UTF-16 columns into byte columns; the line
  -- has an accented letter and an emoji before the findings.
  local line = vim.api.nvim_buf_get_lines(buf, 2, 3, false)[1]
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local needle = d.code == "R001" and '"admin"' or '"Read Only"'
    local expected = string.find(line, needle, 1, true) - 1
    if d.lnum ~= 2 or d.col ~= expected then
      return fail(string.format("%s at %d:%d, expected 2:%d", d.code, d.lnum, d.col, expected))
    end
  end

  -- Ask for code actions on P001 and apply the preferred quick fix.
  local p001
  for _, d in ipairs(vim.diagnostic.get(buf)) do if d.code == "P001" then p001 = d end end
  -- The diagnostics as the server sent them (LSP form, with their data).
  local lsp_diags = {}
  for _, d in ipairs(vim.lsp.diagnostic.get_line_diagnostics(buf, p001.lnum, {}, client_id)) do
    if d.code == "P001" then lsp_diags[#lsp_diags + 1] = d end
  end
  if #lsp_diags == 0 then return fail("no LSP diagnostic for P001 on its line") end
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = lsp_diags[1].range,
    context = { diagnostics = lsp_diags },
  }
  local results = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 10000)
  local applied = false
  for _, res in pairs(results or {}) do
    for _, action in ipairs(res.result or {}) do
      if action.isPreferred and action.edit then
        vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
        applied = true
        break
      end
    end
  end
  if not applied then return fail("no preferred quick fix for P001") end
  local fixed = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n")
  if not string.find(fixed, '"rfi": "readonly"', 1, true) then return fail("the fix was not applied: " .. fixed) end
  -- The server re-lints the changed buffer: P001 is gone, R001 stays.
  if not vim.wait(15000, function() return codes() == "R001" end, 50) then
    return fail("after the fix, diagnostics are " .. codes())
  end
  print("neovim integration: OK (" .. codes() .. " left after the quick fix)")
end)
if not ok then fail(tostring(err)) end
vim.cmd("qall!")
