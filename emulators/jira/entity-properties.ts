import { JiraError, errorCollection } from './jira-error';

/** Jira's limits on entity properties: a key of at most 255 characters, a value of at most 32 KB of JSON. */
const MAX_KEY = 255;
const MAX_VALUE_BYTES = 32_768;

/** Refuses a property Jira would refuse, with Jira's sentence. */
export function checkProperty(key: string, value: unknown): void {
  if (key.length === 0 || key.length > MAX_KEY) {
    throw new JiraError(400, errorCollection([`The property key cannot be longer than ${MAX_KEY} characters.`]));
  }
  if (value === undefined) throw new JiraError(400, errorCollection(['The property value cannot be empty.']));
  if (Buffer.byteLength(JSON.stringify(value)) > MAX_VALUE_BYTES) {
    throw new JiraError(
      400,
      errorCollection([`The property value is too long. The maximum size is ${MAX_VALUE_BYTES} bytes.`]),
    );
  }
}
