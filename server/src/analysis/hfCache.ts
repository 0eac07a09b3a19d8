// Reads the local Hugging Face hub cache (never the network) to find the commit a repo's `main`
// points at, so a revision pin can use the exact commit the user already has.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export type RepoType = 'model' | 'dataset' | 'space';

export interface CachedCommit {
  sha: string;
  ref: string;
}

export type HfCacheLookup = (repoId: string, repoType: RepoType) => CachedCommit | undefined;

/** `$HF_HUB_CACHE`, else `$HF_HOME/hub`, else `~/.cache/huggingface/hub`. */
export function hubCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HF_HUB_CACHE) return env.HF_HUB_CACHE;
  if (env.HF_HOME) return path.join(env.HF_HOME, 'hub');
  return path.join(os.homedir(), '.cache', 'huggingface', 'hub');
}

const REPO_ID = /^[A-Za-z0-9][\w.-]*(\/[\w.-]+)?$/;
const SHA = /^[0-9a-f]{40}$/;

/** `models--org--name` for repo id `org/name`. */
export function cacheFolderName(repoId: string, repoType: RepoType): string {
  return `${repoType}s--${repoId.split('/').join('--')}`;
}

export function readCachedCommit(repoId: string, repoType: RepoType, cacheDir = hubCacheDir()): CachedCommit | undefined {
  if (!REPO_ID.test(repoId) || repoId.includes('..')) return undefined;
  const refFile = path.join(cacheDir, cacheFolderName(repoId, repoType), 'refs', 'main');
  try {
    const sha = fs.readFileSync(refFile, 'utf8').trim();
    return SHA.test(sha) ? { sha, ref: 'main' } : undefined;
  } catch {
    return undefined;
  }
}

/** A lookup that remembers answers for `ttlMs`, so a keystroke never re-reads the cache. */
export function cachingLookup(cacheDir?: string, ttlMs = 10_000): HfCacheLookup {
  const memo = new Map<string, { at: number; value: CachedCommit | undefined }>();
  return (repoId, repoType) => {
    const key = `${repoType}:${repoId}`;
    const hit = memo.get(key);
    const now = Date.now();
    if (hit && now - hit.at < ttlMs) return hit.value;
    const value = readCachedCommit(repoId, repoType, cacheDir ?? hubCacheDir());
    memo.set(key, { at: now, value });
    return value;
  };
}
