import { useState } from 'react';
import { focusField, isWithin } from './field-path';
import { YAML_SECTION, sectionOf } from './record/sections';

export const TABS = ['record', 'signoffs', 'plan', 'provision', 'summary', 'changes', 'history'] as const;
export type TabId = (typeof TABS)[number];

/**
 * Where the lead is — which tab, which section of the record — and `goTo(path)`, which opens
 * the place of a field path (a blocker, a problem, a coverage gap) and focuses its input.
 * A path the form has no input for opens the YAML with that node selected; one inside a folded
 * card opens the card first (`reveal`).
 */
export function useNavigation() {
  const [tab, setTab] = useState<TabId>('record');
  const [section, setSection] = useState('overview');
  const [yamlFocus, setYamlFocus] = useState<{ path: string } | null>(null);
  // A new object each time, even for the same path: a card folded since the last visit opens again.
  const [reveal, setReveal] = useState<{ path: string } | null>(null);

  const showInYaml = (path: string) => {
    setSection(YAML_SECTION);
    setYamlFocus({ path });
  };

  const goTo = (path: string) => {
    setReveal({ path });
    if (isWithin(path, 'signoffs')) setTab('signoffs');
    else {
      setTab('record');
      const target = sectionOf(path);
      if (target === YAML_SECTION) return showInYaml(path);
      setSection(target);
    }
    // Once the tab and section have rendered: focus the field, or failing that show it in the YAML.
    setTimeout(() => {
      if (!focusField(path) && !isWithin(path, 'signoffs')) showInYaml(path);
    }, 0);
  };

  return { tab, setTab, section, setSection, yamlFocus, reveal, goTo };
}
