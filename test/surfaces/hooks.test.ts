import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { createScanner } from '../../src/api.js';
import type { Scanner } from '../../src/core/scanner.js';
import { applyEdits, applyPatchHunks, parseCodexPatch, revertEdits } from '../../src/hooks/edits.js';
import { runHook, type Agent } from '../../src/hooks/index.js';
import { initAgent, mergeHook } from '../../src/hooks/init.js';

const ROOT = '/proj';
const OLD = 'import subprocess\n\n\ndef listing(path):\n    return subprocess.run(["ls", path])\n';
const BAD_LINE = '    return subprocess.run("ls " + path, shell=True)';

let scanner: Scanner;
beforeAll(async () => {
  scanner = await createScanner();
});

function hook(agent: Agent, event: unknown, files: Record<string, string> = { [`${ROOT}/app.py`]: OLD }, failOn?: 'high' | 'critical' | 'none') {
  return runHook(agent, JSON.stringify(event), { scanner, failOn, readFile: (p) => files[p] ?? null });
}

const claudeEdit = (event: string, extra: Record<string, unknown> = {}) => ({
  session_id: 's',
  hook_event_name: event,
  cwd: ROOT,
  tool_name: 'Edit',
  tool_input: { file_path: `${ROOT}/app.py`, old_string: '    return subprocess.run(["ls", path])', new_string: BAD_LINE },
  ...extra,
});

describe('string edits', () => {
  it('applies Edit/MultiEdit replacements as the tools do, and reverts them', () => {
    const r = applyEdits('a b a', [{ old_string: 'a', new_string: 'x' }, { old_string: 'b', new_string: 'y' }]);
    expect(r).toEqual({ ok: true, text: 'x y a' });
    expect(applyEdits('a b a', [{ old_string: 'a', new_string: 'x', replace_all: true }])).toEqual({ ok: true, text: 'x b x' });
    expect(applyEdits('a a a', [{ old_string: 'a', new_string: 'x', expected_replacements: 2 }])).toEqual({ ok: true, text: 'x x a' });
    expect(applyEdits(null, [{ old_string: '', new_string: 'new file' }])).toEqual({ ok: true, text: 'new file' });
    expect(applyEdits('abc', [{ old_string: 'zzz', new_string: 'x' }]).ok).toBe(false);
    expect(revertEdits('x y a', [{ old_string: 'a', new_string: 'x' }, { old_string: 'b', new_string: 'y' }])).toBe('a b a');
  });

  it('applies a Codex apply_patch update by its context lines', () => {
    const patch = ['*** Begin Patch', '*** Update File: app.py', '@@ def listing(path):', '-    return subprocess.run(["ls", path])', `+${BAD_LINE}`, '*** Add File: new.py', '+print(1)', '*** End Patch'].join('\n');
    const files = parseCodexPatch(patch);
    expect(Array.isArray(files)).toBe(true);
    if (!Array.isArray(files)) return;
    expect(files.map((f) => [f.kind, f.path])).toEqual([['update', 'app.py'], ['add', 'new.py']]);
    expect(applyPatchHunks(OLD, files[0].hunks)).toEqual({ ok: true, text: OLD.replace('    return subprocess.run(["ls", path])', BAD_LINE) });
    expect(applyPatchHunks('unrelated\n', files[0].hunks).ok).toBe(false);
  });
});

describe('redpen hook claude', () => {
  it('denies a PreToolUse Edit that adds a high finding, explaining what to change', () => {
    const out = hook('claude', claudeEdit('PreToolUse'));
    expect(out.exitCode).toBe(0);
    const j = JSON.parse(out.stdout) as { hookSpecificOutput: { hookEventName: string; permissionDecision: string; permissionDecisionReason: string } };
    expect(j.hookSpecificOutput).toMatchObject({ hookEventName: 'PreToolUse', permissionDecision: 'deny' });
    const reason = j.hookSpecificOutput.permissionDecisionReason;
    expect(reason).toContain('app.py:5 high python.subprocess-shell-true (CWE-78)');
    expect(reason).toContain('Fix: Pass the program and its arguments as a list');
    expect(reason).not.toContain('redpen-ignore');
  });

  it('shows the agent this reason (snapshot)', () => {
    expect(JSON.parse(hook('claude', claudeEdit('PreToolUse')).stdout).hookSpecificOutput.permissionDecisionReason).toMatchSnapshot();
  });

  it('allows silently an edit that adds nothing, and other tools', () => {
    const safe = claudeEdit('PreToolUse');
    (safe.tool_input as Record<string, string>).new_string = '    return subprocess.run(["ls", "-l", path])';
    expect(hook('claude', safe)).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(hook('claude', { hook_event_name: 'PreToolUse', cwd: ROOT, tool_name: 'Bash', tool_input: { command: 'ls' } })).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('leaves findings the file already had alone', () => {
    const files = { [`${ROOT}/app.py`]: OLD.replace('    return subprocess.run(["ls", path])', BAD_LINE) + '\n\ndef other():\n    return 1\n' };
    const ev = { hook_event_name: 'PreToolUse', cwd: ROOT, tool_name: 'Edit', tool_input: { file_path: `${ROOT}/app.py`, old_string: '    return 1', new_string: '    return 2' } };
    expect(hook('claude', ev, files).stdout).toBe('');
  });

  it('judges the would-be file of a MultiEdit and of a Write', () => {
    const multi = {
      hook_event_name: 'PreToolUse',
      cwd: ROOT,
      tool_name: 'MultiEdit',
      tool_input: {
        file_path: `${ROOT}/app.py`,
        edits: [
          { old_string: 'def listing(path):', new_string: 'def listing(path, flags):' },
          { old_string: '    return subprocess.run(["ls", path])', new_string: '    return subprocess.run("ls " + flags + path, shell=True)' },
        ],
      },
    };
    expect(JSON.parse(hook('claude', multi).stdout).hookSpecificOutput.permissionDecision).toBe('deny');
    const write = { hook_event_name: 'PreToolUse', cwd: ROOT, tool_name: 'Write', tool_input: { file_path: 'new.py', content: `import subprocess\n${BAD_LINE.trim()}\n` } };
    expect(JSON.parse(hook('claude', write).stdout).hookSpecificOutput.permissionDecisionReason).toContain('new.py:2');
  });

  it('warns instead of blocking below the threshold, and asks for a fix after a PostToolUse', () => {
    const warn = JSON.parse(hook('claude', claudeEdit('PreToolUse'), undefined, 'critical').stdout);
    expect(warn.hookSpecificOutput.permissionDecision).toBeUndefined();
    expect(warn.hookSpecificOutput.additionalContext).toContain('python.subprocess-shell-true');
    const after = { [`${ROOT}/app.py`]: OLD.replace('    return subprocess.run(["ls", path])', BAD_LINE) };
    const post = JSON.parse(hook('claude', claudeEdit('PostToolUse', { tool_response: { filePath: `${ROOT}/app.py` } }), after).stdout);
    expect(post).toMatchObject({ decision: 'block' });
    expect(post.reason).toContain('app.py:5');
  });

  it('scans the inserted text when the edit does not apply, and says so', () => {
    const ev = claudeEdit('PreToolUse');
    (ev.tool_input as Record<string, string>).old_string = 'not in the file';
    (ev.tool_input as Record<string, string>).new_string = `import subprocess\nsubprocess.call(cmd, shell=True)\n`;
    const out = hook('claude', ev);
    expect(JSON.parse(out.stdout).hookSpecificOutput.permissionDecisionReason).toContain('scanned the inserted text alone');
  });

  it('fails open with a clear message on an unreadable event', () => {
    const out = runHook('claude', 'not json', { scanner });
    expect(out.exitCode).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain('not valid JSON');
  });
});

describe('other agents', () => {
  it('codex: denies an apply_patch that adds a finding', () => {
    const patch = ['*** Begin Patch', '*** Update File: app.py', '@@', '-    return subprocess.run(["ls", path])', `+${BAD_LINE}`, '*** End Patch'].join('\n');
    const ev = { hook_event_name: 'PreToolUse', cwd: ROOT, tool_name: 'apply_patch', tool_use_id: 't', tool_input: { command: patch } };
    const j = JSON.parse(hook('codex', ev).stdout);
    expect(j.hookSpecificOutput).toMatchObject({ hookEventName: 'PreToolUse', permissionDecision: 'deny' });
    expect(j.hookSpecificOutput.permissionDecisionReason).toContain('app.py:5');
  });

  it('gemini: denies a write_file and a replace with decision/reason', () => {
    const write = { hook_event_name: 'BeforeTool', cwd: ROOT, tool_name: 'write_file', tool_input: { file_path: `${ROOT}/x.py`, content: `import subprocess\n${BAD_LINE.trim()}\n` } };
    expect(JSON.parse(hook('gemini', write).stdout)).toMatchObject({ decision: 'deny' });
    const replace = { hook_event_name: 'BeforeTool', cwd: ROOT, tool_name: 'replace', tool_input: { file_path: `${ROOT}/app.py`, old_string: '    return subprocess.run(["ls", path])', new_string: BAD_LINE } };
    const j = JSON.parse(hook('gemini', replace).stdout);
    expect(j.decision).toBe('deny');
    expect(j.reason).toContain('CWE-78');
    const after = { hook_event_name: 'AfterTool', cwd: ROOT, tool_name: 'read_file', tool_input: { path: 'x' } };
    expect(hook('gemini', after).stdout).toBe('');
  });

  it('copilot: denies a file creation given as a JSON-string toolArgs', () => {
    const ev = { timestamp: 1704614600000, cwd: ROOT, toolName: 'create', toolArgs: JSON.stringify({ path: 'x.py', file_text: `import subprocess\n${BAD_LINE.trim()}\n` }) };
    const j = JSON.parse(hook('copilot', ev).stdout);
    expect(j).toMatchObject({ permissionDecision: 'deny' });
    expect(j.permissionDecisionReason).toContain('x.py:2');
    expect(hook('copilot', { cwd: ROOT, toolName: 'bash', toolArgs: '{"command":"ls"}' }).stdout).toBe('');
  });

  it('cursor: reports after an edit (observe-only) on stderr', () => {
    const after = { [`${ROOT}/app.py`]: OLD.replace('    return subprocess.run(["ls", path])', BAD_LINE) };
    const ev = { hook_event_name: 'afterFileEdit', workspace_roots: [ROOT], file_path: `${ROOT}/app.py`, edits: [{ old_string: '    return subprocess.run(["ls", path])', new_string: BAD_LINE }] };
    const out = hook('cursor', ev, after);
    expect(out.stdout).toBe('{}');
    expect(out.stderr).toContain('python.subprocess-shell-true');
  });
});

describe('redpen init', () => {
  it('merges into existing settings, keeping other keys and comments, and only once', () => {
    const existing = '{\n  // my settings\n  "model": "opus",\n  "hooks": {\n    "PreToolUse": [\n      { "matcher": "Bash", "hooks": [{ "type": "command", "command": "lint" }] }\n    ]\n  }\n}\n';
    const merged = mergeHook(existing, 'claude', 'redpen')!;
    expect(merged).toContain('// my settings');
    expect(merged).toContain('"model": "opus"');
    expect(merged).toContain('"command": "lint"');
    expect(merged).toContain('"command": "redpen hook claude"');
    expect(merged).toContain('"matcher": "Write|Edit|MultiEdit"');
    expect(mergeHook(merged, 'claude', 'redpen')).toBeNull();
  });

  it('refuses to touch a file it cannot parse', () => {
    expect(() => mergeHook('{ "hooks": [', 'claude', 'redpen', '.claude/settings.json')).toThrow(/not valid JSON.*unchanged/);
    expect(() => mergeHook('{ "hooks": { "PreToolUse": {} } }', 'claude', 'redpen')).toThrow(/not a list/);
  });

  it('writes each agent its own file', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'redpen-init-'));
    try {
      const files: Record<string, string> = {};
      for (const agent of ['claude', 'codex', 'gemini', 'copilot', 'cursor'] as const) {
        // the file layout only (test/hardening/packaging.test.ts runs the default command)
        const r = await initAgent(agent, { cwd: dir, command: 'redpen', verify: false });
        expect(r.changed).toBe(true);
        files[agent] = await fs.readFile(path.join(dir, r.file), 'utf8');
        expect((await initAgent(agent, { cwd: dir, command: 'redpen', verify: false })).changed).toBe(false);
      }
      expect(JSON.parse(files.codex).hooks.PreToolUse[0]).toMatchObject({ matcher: 'apply_patch' });
      expect(JSON.parse(files.gemini).hooks.BeforeTool[0]).toMatchObject({ matcher: 'write_file|replace' });
      expect(JSON.parse(files.copilot)).toMatchObject({ version: 1, hooks: { preToolUse: [{ type: 'command', bash: 'redpen hook copilot' }] } });
      expect(JSON.parse(files.cursor)).toMatchObject({ version: 1, hooks: { afterFileEdit: [{ command: 'redpen hook cursor' }] } });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the hook command', () => {
  it('reads the event on stdin and answers on stdout (real process, real file)', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'redpen-hook-'));
    try {
      await fs.writeFile(path.join(dir, 'app.py'), OLD);
      const ev = claudeEdit('PreToolUse', { cwd: dir });
      (ev.tool_input as Record<string, string>).file_path = path.join(dir, 'app.py');
      const child = execFile('node', ['bin/redpen.js', 'hook', 'claude']);
      child.stdin!.end(JSON.stringify(ev));
      let stdout = '';
      child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
      const code = await new Promise<number | null>((r) => child.on('close', r));
      expect(code).toBe(0);
      expect(JSON.parse(stdout).hookSpecificOutput.permissionDecision).toBe('deny');
      // the project's .redpen.yml chooses the rules
      await fs.writeFile(path.join(dir, '.redpen.yml'), 'rules: [./team-rules.yaml]\n');
      await fs.writeFile(path.join(dir, 'team-rules.yaml'), 'rules:\n  - id: team.no-pickle\n    message: pickle.loads runs code from the data. Use json.loads instead.\n    severity: ERROR\n    languages: [python]\n    pattern: pickle.loads(...)\n');
      const write = { hook_event_name: 'PreToolUse', cwd: dir, tool_name: 'Write', tool_input: { file_path: path.join(dir, 'load.py'), content: 'import pickle\npickle.loads(data)\n' } };
      const team = execFile('node', [path.resolve('bin/redpen.js'), 'hook', 'claude'], { cwd: dir });
      team.stdin!.end(JSON.stringify(write));
      let teamOut = '';
      team.stdout!.on('data', (c: Buffer) => (teamOut += c.toString()));
      await new Promise((r) => team.on('close', r));
      expect(JSON.parse(teamOut).hookSpecificOutput.permissionDecisionReason).toContain('load.py:2 high team.no-pickle');
      const bad = await promisify(execFile)('node', ['bin/redpen.js', 'hook', 'nosuchagent']).catch((e: { code: number; stderr: string }) => e);
      expect((bad as { code: number }).code).toBe(2);
      expect((bad as { stderr: string }).stderr).toContain('unknown agent');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
