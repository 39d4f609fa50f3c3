/** A concrete request path matched to one of the spec's path templates. */
export type PathMatch = { template: string; params: Record<string, string> };

/** `specificity`: literal segments first, then literal characters, so `{key}.json` beats `{key}`. */
type CompiledTemplate = { template: string; pattern: RegExp; names: string[]; specificity: number };

/**
 * Matches concrete paths (`/rest/api/3/issue/DEL-1/properties/handoff`) to the spec's
 * templates (`/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}`). When several
 * templates match, the most literal one wins, so `/issue/bulk` is `POST /rest/api/3/issue/bulk`
 * and not `/issue/{issueIdOrKey}`.
 */
export function createPathMatcher(
  templates: readonly string[],
  basePath = '',
): (path: string) => PathMatch | undefined {
  const compiled = templates.map(compileTemplate);
  const exact = new Map(compiled.filter((t) => t.names.length === 0).map((t) => [t.template, t]));

  return (rawPath) => {
    const path = stripBase(rawPath.split('?')[0] ?? '', basePath);
    if (exact.has(path)) return { template: path, params: {} };
    let best: { template: CompiledTemplate; values: string[] } | undefined;
    for (const template of compiled) {
      const found = template.pattern.exec(path);
      if (found && (!best || template.specificity > best.template.specificity)) {
        best = { template, values: found.slice(1) };
      }
    }
    if (!best) return undefined;
    const { template, values } = best;
    const params = Object.fromEntries(template.names.map((name, i) => [name, safeDecode(values[i] ?? '')]));
    return { template: template.template, params };
  };
}

/** Accepts the path as the server sees it, with or without the spec's server base path. */
function stripBase(path: string, basePath: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/$/, '') : path;
  return basePath && trimmed.startsWith(`${basePath}/`) ? trimmed.slice(basePath.length) : trimmed;
}

function compileTemplate(template: string): CompiledTemplate {
  const names: string[] = [];
  let specificity = 0;
  const segments = template.split('/').map((segment) => {
    if (!segment.includes('{')) {
      specificity += 1000;
      return escapeRegExp(segment);
    }
    // A segment may mix text and parameters, e.g. `{issueIdOrKey}.json`.
    return segment
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const name = /^\{([^}]+)\}$/.exec(part)?.[1];
        if (name === undefined) {
          specificity += part.length;
          return escapeRegExp(part);
        }
        names.push(name);
        return '([^/]+)';
      })
      .join('');
  });
  return { template, pattern: new RegExp(`^${segments.join('/')}$`), names, specificity };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
