import fc from 'fast-check';
import { validateRecord } from '../../../src/domain/record/read-record';
import {
  aCompleteRecord,
  aDependency,
  anException,
  aPromise,
  aQuestion,
  aRisk,
  isObject,
  someSignoffs,
  type RecordInput,
} from '../../builders/record';

/**
 * Hostile text: what someone could paste into any text field of a record. Each piece must come
 * out of every renderer as the same letters, never as markup, a link or script.
 */
export const SCRIPT = '<script>alert(1)</script>';
export const IMG = '<img src=x onerror=alert(1)>';
export const MD_LINK = '[click](javascript:alert(1))';
export const AUTOLINK = '<javascript:alert(2)>';
export const ADF_LOOKALIKE =
  '{"type":"text","text":"x","marks":[{"type":"link","attrs":{"href":"javascript:alert(3)"}}]}';
export const RTL = '\u202Egnp.exe\u202C مرحبا שלום';
export const COMBINING = 'e\u0301 Z\u0351\u0352\u0353';
export const EMOJI = '👩‍👩‍👧 🏳️‍🌈 😀';
export const CONTROL = 'bell\u0007 esc\u001b[31m vt\u000b';

export const HOSTILE = [
  SCRIPT,
  IMG,
  MD_LINK,
  AUTOLINK,
  ADF_LOOKALIKE,
  '**bold** _em_ `code` # not a heading',
  RTL,
  COMBINING,
  EMOJI,
  CONTROL,
].join(' ');

/** A record with every optional text field present, so that "every text field" means every one. */
export function fullRecord(): RecordInput {
  return aCompleteRecord('high-risk', {
    customer: {
      company: 'Globex Ltd',
      timeZone: 'Europe/London',
      channel: 'Slack',
      contacts: [
        {
          name: 'Hank Scorpio',
          email: 'hank.scorpio@globex.example',
          title: 'CEO',
          roles: ['decision-maker', 'executive-sponsor', 'billing-owner', 'day-to-day-owner'],
        },
      ],
    },
    promises: [
      aPromise({
        detail: 'Two depots first.',
        afterGoLiveReason: 'Hypercare.',
        source: {
          kind: 'call-recording',
          url: 'https://calls.example.com/1',
          at: '00:41:10',
          section: '3.1',
          note: 'Said twice.',
        },
      }),
      aPromise({
        id: 'bi',
        title: 'BI dashboards',
        excluded: 'Out of scope per SOW.',
        owner: undefined,
        due: undefined,
        source: undefined,
      }),
    ],
    dependencies: [aDependency({ blocks: undefined, detail: 'App registration in Azure.' })],
    risks: [
      aRisk({ detail: 'Peak season.', accepted: undefined }),
      aRisk({ id: 'minor', title: 'Minor', severity: 'low', accepted: 'We live with it.' }),
    ],
    questions: [aQuestion({ detail: 'Ask Tom.' }), aQuestion({ id: 'answered', title: 'Answered?', answer: 'Yes.' })],
    exceptions: [anException()],
    signoffs: someSignoffs({
      delivery: {
        by: 'maria.lopez@vendor.example',
        at: '2026-11-30',
        status: 'blocked',
        blockers: ['Waiting for the SSO test tenant.'],
      },
    }),
    timeline: {
      kickoff: '2026-12-07',
      goLive: '2027-02-15',
      milestones: [{ id: 'pilot', name: 'Pilot depot live', due: 'kickoff+15bd' }],
      blackouts: [{ from: '2026-12-21', to: '2027-01-03', reason: 'Freeze' }],
      approvals: [{ what: 'Security review', owner: 'approval-owner', due: 'kickoff+5bd' }],
    },
    automation: { kickoffIssue: 'DEL-1', kickoffStatus: 'Kickoff' },
  });
}

type Segment = string | number;

/** Every string leaf of a value, with its path. */
function stringLeaves(value: unknown, path: Segment[] = []): Segment[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, [...path, i]));
  if (isObject(value)) return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...path, k]));
  return [];
}

export function setAt(value: unknown, path: readonly Segment[], leaf: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return leaf;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? setAt(v, rest, leaf) : v));
  if (isObject(value)) return { ...value, [head]: setAt(value[head], rest, leaf) };
  return value;
}

/**
 * The free-text fields of `record`: the string leaves that still validate when they hold
 * HOSTILE (ids, e-mails, dates, enums and links refuse it, so they are not text fields).
 */
export function textFields(record: RecordInput): Segment[][] {
  return stringLeaves(record).filter((path) => validateRecord(setAt(record, path, HOSTILE)).ok);
}

/** `record` with `text(path)` written into every one of `paths`. */
export function withTexts(
  record: RecordInput,
  paths: readonly Segment[][],
  text: (path: Segment[]) => string,
): unknown {
  return paths.reduce<unknown>((r, path) => setAt(r, path, text(path)), record);
}

/**
 * Unicode a person (or an attacker) might type: RTL overrides,
 * combining marks, emoji, controls other than NUL, lone surrogates.
 */
const special = fc.constantFrom(
  '\u202E',
  '\u202D',
  '\u200F',
  '\u061C',
  '\u0301',
  '\u0351',
  '\u200D',
  '\uFEFF',
  '\u2028',
  '\u0085',
  '\u0007',
  '\u001b',
  '\u007f',
  '\uD800',
  '\uDFFF',
  '😀',
  '👩‍👩‍👧',
  'ﷺ',
  '𝕳',
  'İ',
  'ß',
  '\t',
  '\n',
  '\r\n',
  '"',
  "'",
  ':',
  '#',
  '&',
  '*',
  '!',
  '|',
  '>',
  '-',
  '%',
  '@',
  '`',
  '{',
  '}',
  '[',
  ']',
);
export const unicodeText = fc
  .array(
    fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), special, fc.constantFrom(SCRIPT, IMG, MD_LINK, AUTOLINK)),
    { maxLength: 12 },
  )
  .map((parts) => parts.join('').replace(/\0/g, ''));
