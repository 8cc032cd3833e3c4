import assert from 'node:assert/strict';
import { test } from 'node:test';
import { initPythonParser, parsePython } from '../../server/src/syntax/python';

test('tree-sitter parses Python through wasm', async () => {
  const parser = await initPythonParser();
  const tree = parsePython(parser, "request.session['cart'] = {}\n");
  try {
    const assignment = tree.rootNode.firstChild?.firstChild;
    assert.equal(assignment?.type, 'assignment');
    assert.equal(assignment?.childForFieldName('left')?.type, 'subscript');
  } finally {
    tree.delete();
  }
});

test('a syntax error still yields a tree with error nodes', async () => {
  const parser = await initPythonParser();
  const tree = parsePython(parser, "def f(:\n    request.session['x'] = 1\n");
  try {
    assert.equal(tree.rootNode.hasError, true);
  } finally {
    tree.delete();
  }
});
