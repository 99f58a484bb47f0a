import { describe, expect, it } from 'vitest';
import { checkStepText, checkTaskForm, handBackNote, isOverdue, stepsFor, takeStep, type TaskForm } from './index.ts';

const form = (over: Partial<TaskForm> = {}): TaskForm => ({
  type: 'letter', title: 'Letter to school', instructions: 'Ask for attendance since September.', day: '4', month: '12', year: '2026', assignTo: '',
  details: { addresseeName: 'Mrs A Khan, headteacher', addresseeAddress: 'Northby Primary, 1 School Lane' }, ...over,
});

describe('a task’s life', () => {
  it('lets business support claim, return and hand back, and caseworkers answer and cancel', () => {
    expect(takeStep('open', 'claim', 'support')).toEqual({ ok: true, to: 'claimed' });
    expect(takeStep('claimed', 'return', 'support')).toEqual({ ok: true, to: 'returned' });
    expect(takeStep('returned', 'answer', 'caseworker')).toEqual({ ok: true, to: 'claimed' });
    expect(takeStep('claimed', 'complete', 'support')).toEqual({ ok: true, to: 'done' });
    expect(takeStep('open', 'cancel', 'caseworker')).toEqual({ ok: true, to: 'cancelled' });
  });
  it('refuses the other side’s steps and steps from the wrong status, in words', () => {
    expect(takeStep('open', 'claim', 'caseworker')).toMatchObject({ ok: false, message: 'Only business support can do that.' });
    expect(takeStep('claimed', 'claim', 'support')).toMatchObject({ ok: false, message: 'This task has already been claimed.' });
    expect(takeStep('done', 'cancel', 'caseworker').ok).toBe(false);
    expect(stepsFor('claimed', 'support')).toEqual(['complete', 'return']);
    expect(stepsFor('done', 'caseworker')).toEqual([]);
  });
  it('flags a task still to do after its due day, on either side', () => {
    expect(isOverdue('claimed', '2026-11-20', '2026-11-23')).toBe(true);
    expect(isOverdue('done', '2026-11-20', '2026-11-23')).toBe(false);
    expect(isOverdue('open', '2026-11-23', '2026-11-23')).toBe(false);
  });
});

describe('the new task form', () => {
  it('accepts a letter with its addressee and keeps only the letter’s details', () => {
    const r = checkTaskForm(form({ details: { addresseeName: 'Mrs A Khan', addresseeAddress: '1 School Lane', meeting: 'not a letter field' } }), '2026-11-23', []);
    expect(r).toMatchObject({ ok: true, value: { type: 'letter', dueOn: '2026-12-04', assignTo: null, details: { addresseeName: 'Mrs A Khan', addresseeAddress: '1 School Lane' } } });
  });
  it('lists every problem at once, each on its field', () => {
    const r = checkTaskForm(form({ title: ' ', instructions: '', day: '31', month: '2', details: {}, assignTo: 'someone-else' }), '2026-11-23', ['demo-business-support']);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.field)).toEqual(['title', 'details-addresseeName', 'details-addresseeAddress', 'instructions', 'due-day', 'assignTo']);
  });
  it('refuses a due date in the past or more than six months ahead', () => {
    const past = checkTaskForm(form({ day: '1', month: '11' }), '2026-11-23', []);
    const far = checkTaskForm(form({ year: '2027', month: '7' }), '2026-11-23', []);
    expect(!past.ok && past.problems[0]!.message).toBe('The due date must be today or later.');
    expect(!far.ok && far.problems[0]!.message).toBe('The due date must be within the next 6 months.');
  });
  it('needs what was done before a hand-back, and writes the note from it', () => {
    expect(checkStepText('complete', '  ').ok).toBe(false);
    expect(checkStepText('claim', '')).toEqual({ ok: true, text: null });
    expect(handBackNote({ title: 'Letter to school', type: 'letter', requestedByName: 'Ana Diaz' }, 'Priya Lawson', 'Sent by post.'))
      .toBe('Letter to school (write a letter, asked by Ana Diaz): handed back done by Priya Lawson, business support.\n\nSent by post.');
  });
});
