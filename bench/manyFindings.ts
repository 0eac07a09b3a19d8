// A file with `count` findings for the code-action scaling figure: functions of 50 statements, each
// statement one finding — a request without a timeout (B113, safe fix), yaml.load (B506, safe fix)
// or torch.load without weights_only (B614, unsafe fix) in turn — so that fix-all has thousands of
// edits to merge and check. Deterministic.
export function generateManyFindings(count: number): string {
  const out = ['"""Many findings on purpose: the code-action bench."""', 'import requests', 'import torch', 'import yaml', ''];
  for (let i = 0; i < count; i++) {
    if (i % 50 === 0) out.push('', '', `def step_${i / 50}(url, path, text):`, '    """Fifty calls in a row."""');
    const k = i % 3;
    if (k === 0) out.push(`    r${i} = requests.get(url, params={"page": ${i}})`);
    else if (k === 1) out.push(`    c${i} = yaml.load(text, Loader=yaml.Loader)`);
    else out.push(`    m${i} = torch.load(path)`);
  }
  return out.join('\n') + '\n';
}
