// Applies LSP text edits (UTF-16 line/character positions) to a string, as an editor would: the
// same implementation the CLI's --fix and the fix-all code actions use.
export { applyEdits } from '../../server/src/fixes/offsets';
