import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DataView, tableOf } from './DataView';

describe('run data', () => {
  it('turns an array of objects into columns and rows', () => {
    expect(tableOf([{ a: 1 }, { a: 2, b: 'x' }])).toEqual({ columns: ['a', 'b'], rows: [[1, null], [2, 'x']] });
    expect(tableOf({ a: 1 })).toEqual({ columns: ['a'], rows: [[1]] });
    expect(tableOf([1, 2])).toBeNull();
  });

  it('shows a value as a JSON tree or, on request, as a table', async () => {
    const user = userEvent.setup();
    render(<DataView label="Output" value={[{ name: 'Ada', age: 36 }]} />);
    const output = screen.getByRole('group', { name: 'Output' });
    expect(output).toHaveTextContent('name: "Ada"');
    await user.click(screen.getByRole('radio', { name: 'Table' }));
    expect(screen.getByRole('columnheader', { name: 'age' })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'Ada' })).toBeInTheDocument();
  });

  it('offers no table for a scalar', () => {
    render(<DataView label="Output" value="plain" />);
    expect(screen.getByRole('radio', { name: 'Table' })).toBeDisabled();
  });
});
