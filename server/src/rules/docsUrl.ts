// Where a rule's documentation page lives: set once in the shared protocol module, which the client
// imports too.
export { docsUrl } from '../protocol';
