import type { IssueCoverage } from '../../../../src/domain/trace/issue-coverage';
import { Lozenge } from '../ui/Lozenge';

/** Does the promise still map to this issue: said in one line, with what differs when it drifted. */
export function CoverageNote({ coverage, issueKey }: { coverage: IssueCoverage; issueKey: string }) {
  return (
    <section aria-label="Coverage">
      <h3 className="trace-heading">Coverage</h3>
      {coverage.state === 'current' && (
        <p>
          <Lozenge appearance="success">Maps</Lozenge> {issueKey} says what the record promises
          {coverage.sameRun ? '.' : ', as the record now stands after a change.'}
        </p>
      )}
      {coverage.state === 'drifted' && (
        <>
          <p>
            <Lozenge appearance="moved">Differs</Lozenge> {issueKey} no longer says what the record promises:
          </p>
          <ul className="trace-list">
            {coverage.differences.map((difference) => (
              <li key={difference}>{difference}</li>
            ))}
          </ul>
          <p className="subtle">Change the record through a change request, or put the issue back.</p>
        </>
      )}
      {coverage.state === 'descoped' && (
        <p>
          <Lozenge appearance="removed">Descoped</Lozenge> The record no longer promises this; {issueKey} stays for its
          history.
        </p>
      )}
      {coverage.state === 'other-record' && (
        <p>
          <Lozenge>Other record</Lozenge> {issueKey} was made for a record that is not the project&apos;s record now.
        </p>
      )}
    </section>
  );
}
