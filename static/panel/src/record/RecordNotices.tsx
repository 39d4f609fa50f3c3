import { Button } from '../ui/Button';
import { ErrorMessage, Message } from '../ui/Message';
import type { RecordModel } from './use-record';
import { useDates } from '../ui/dates';

/**
 * What the lead must know about the draft: it was restored after a reload, an import replaced
 * the saved record (until it is provisioned, undo brings that one back), or saving it failed
 * (nothing lost either way).
 */
type Props = {
  record: RecordModel;
  /** The imported record has been provisioned since: its issues exist, so the import cannot be undone. */
  provisioned: boolean;
  onGoTo(path: string): void;
};

export function RecordNotices({ record, provisioned, onGoTo }: Props) {
  const dates = useDates();
  const { restored, saveError } = record;
  return (
    <>
      {restored && (
        <Message
          kind="information"
          title="Draft restored"
          actions={
            <>
              <Button onClick={record.dismissRestored}>Keep editing</Button>
              <Button appearance="subtle" onClick={record.discard}>
                Discard the draft
              </Button>
            </>
          }
        >
          <p>
            Your unsaved changes from {dates.moment(restored.at)} were kept in this browser and are back.
            {restored.baseSavedAt !== record.savedAt &&
              ' The record has been saved since you started them; saving replaces that version.'}
          </p>
        </Message>
      )}
      {record.replaced && !saveError && !provisioned && (
        <Message
          kind="success"
          title={`Imported — it replaced "${record.replaced.title}"`}
          actions={
            <>
              <Button onClick={() => void record.undoImport()}>Undo the import</Button>
              <Button appearance="subtle" onClick={record.dismissReplaced}>
                Keep it
              </Button>
            </>
          }
        >
          <p>Undo saves &quot;{record.replaced.title}&quot; back as the project&apos;s record.</p>
        </Message>
      )}
      {saveError && (
        <ErrorMessage title="Not saved — your changes are kept as a draft" error={saveError} onGoTo={onGoTo} />
      )}
    </>
  );
}
