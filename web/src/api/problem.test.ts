import { describe, expect, it } from 'vitest';
import { fieldErrors, formAlert, listFieldError, shownFields, toProblem } from './problem';

const validation = {
  type: 'https://nex7.dev/problems/validation',
  title: 'Validation failed',
  status: 400,
  detail: 'The request has invalid fields.',
  errors: [
    { field: 'password', message: 'must be at least 12 characters' },
    { field: 'password', message: 'must not be a common password' },
    { field: 'email', message: 'must be a well-formed email address' },
  ],
};

describe('problem details', () => {
  it('maps errors[] to one message per JSON field, first message first', () => {
    expect(fieldErrors(toProblem(validation))).toEqual({
      password: 'must be at least 12 characters',
      email: 'must be a well-formed email address',
    });
  });

  it('has no field errors for problems without errors[]', () => {
    expect(fieldErrors(toProblem({ title: 'Conflict', status: 409 }))).toEqual({});
    expect(fieldErrors(null)).toEqual({});
  });

  it('ignores malformed entries in errors[]', () => {
    const p = toProblem({ title: 'Bad', status: 400, errors: [{ field: 'name' }, 'oops', { field: 'name', message: 'required' }] });
    expect(fieldErrors(p)).toEqual({ name: 'required' });
  });

  it('shows no alert when every error sits next to a field of the form', () => {
    expect(formAlert(toProblem(validation), ['email', 'password', 'name'])).toBeNull();
  });

  it('puts errors for fields the form does not have into the alert', () => {
    expect(formAlert(toProblem(validation), ['password'])).toBe(
      'The request has invalid fields. must be a well-formed email address',
    );
  });

  it('uses detail, else title, for problems that concern no field', () => {
    expect(formAlert(toProblem({ title: 'Conflict', status: 409, detail: 'Email already registered' }), ['email'])).toBe('Email already registered');
    expect(formAlert(toProblem({ title: 'Forbidden', status: 403 }), [])).toBe('Forbidden');
  });

  it('turns a non-problem answer into a generic problem with the HTTP status', () => {
    const p = toProblem('<html>Bad gateway</html>', new Response(null, { status: 502 }));
    expect(p).toMatchObject({ status: 502, title: 'Request failed (502)' });
  });

  it('describes a missing answer as a network error', () => {
    expect(toProblem(undefined)).toMatchObject({ status: 0, title: 'Network error' });
  });

  it('gathers the errors about a list and its items into one message, naming each item', () => {
    const p = toProblem({ title: 'Bad', status: 400, errors: [
      { field: 'models', message: 'must list at most 8 models' },
      { field: 'models[1]', message: 'must look like provider:model' },
      { field: 'tools[0]', message: 'is not a known tool' },
    ] });
    const sent = ['anthropic:claude', 'gpt'];
    expect(listFieldError(p, 'models', (i) => `“${sent[i]}”`)).toBe('must list at most 8 models; “gpt” must look like provider:model');
    expect(listFieldError(p, 'handsOffTo', String)).toBeUndefined();
  });

  it('counts an item error as shown when the form shows its list', () => {
    const p = toProblem({ title: 'Bad', status: 400, detail: 'Invalid', errors: [{ field: 'tools[3]', message: 'x' }, { field: 'source', message: 'y' }] });
    expect(shownFields(p, ['tools'])).toEqual(['tools[3]']);
    expect(formAlert(p, shownFields(p, ['tools']))).toBe('Invalid y');
  });
});
