// Keras v3 `.keras` archives: a zip whose config.json describes the model. Most of it is data, but
// some entries carry code that `keras.models.load_model(..., safe_mode=False)` runs or imports:
//   - a `Lambda` layer: its function is stored as marshalled Python bytecode (or names a function);
//   - a `__lambda__` object: any Python lambda serialized as bytecode (Keras 3);
//   - a `function` object whose `module` is not Keras's or TensorFlow's: Keras imports that module
//     and takes the named function from it (the shape of CVE-2025-1550).
import type { CodeLayer } from './report';

const KERAS_MODULES = /^(keras|tf_keras|tensorflow)(\.|$)/;
/** Bound on nesting walked (JSON.parse has parsed it already; this is the walk's own guard). */
const MAX_DEPTH = 200;

export function findCodeLayers(config: unknown, entry: string): CodeLayer[] {
  const found: CodeLayer[] = [];
  const walk = (node: unknown, depth: number) => {
    if (depth > MAX_DEPTH || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item, depth + 1);
      return;
    }
    const o = node as Record<string, unknown>;
    const className = typeof o.class_name === 'string' ? o.class_name : undefined;
    const cfg = o.config && typeof o.config === 'object' ? (o.config as Record<string, unknown>) : undefined;
    const name = typeof cfg?.name === 'string' ? cfg.name : undefined;
    if (className === 'Lambda') {
      // One finding per layer: the lambda inside its config is the same code.
      found.push({ className, name, entry, detail: `Lambda layer${name ? ` '${name}'` : ''}, whose function is stored in the file` });
      return;
    } else if (className === '__lambda__') {
      found.push({ className, entry, detail: 'a Python lambda stored as bytecode' });
    } else if (className === 'function' && typeof o.module === 'string' && !KERAS_MODULES.test(o.module)) {
      const fn = typeof o.config === 'string' ? o.config : '?';
      found.push({ className, name: `${o.module}.${fn}`, entry, detail: `function ${o.module}.${fn}, imported from outside Keras` });
    }
    for (const value of Object.values(o)) walk(value, depth + 1);
  };
  walk(config, 0);
  return found;
}
