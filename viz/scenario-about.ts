/**
 * What the scenario on show is, on screen rather than in a tooltip: its description, every
 * parameter it changes from the scenario it builds on (`extends`) with the value and the citation,
 * the changes its own timeline makes, and its sources. A trainer can then say what a scenario
 * assumes without opening its file.
 */
import { describeParameter, parameterRows } from '../sim/comparison/parameters';
import { bundledLoader } from '../sim/scenario/bundled';
import { loadScenarioText } from '../sim/load-scenario';
import type { Scenario } from '../sim/scenario/schema';
import { valueText } from './compare/describe';
import { MAIN_LEVERS } from './levers';

export interface ScenarioChange {
  path: string;
  /** the lever panel's label, else the schema's description */
  name: string;
  /** the value in this scenario, in words */
  value: string;
  /** the value in the scenario it builds on */
  before: string;
  citation: string;
  /** whether the lever panel has a control for it */
  hasControl: boolean;
}

/** The scenario that `text` extends, resolved, or undefined (none, or it cannot be read). */
export function parentOf(text: string): Scenario | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  const name = (doc as { extends?: unknown }).extends;
  if (typeof name !== 'string') return undefined;
  const fileName = name.endsWith('.json') ? name : `${name}.json`;
  const parentText = bundledLoader(fileName);
  if (parentText === undefined) return undefined;
  const parent = loadScenarioText(parentText, fileName, bundledLoader);
  return parent.ok ? parent.value : undefined;
}

/** Every parameter `scenario` sets differently from `parent`, with the scenario's citation. */
export function scenarioChanges(parent: Scenario, scenario: Scenario): ScenarioChange[] {
  return parameterRows(parent, scenario)
    .filter((row) => row.differs && row.path !== 'timeline' && row.path !== 'calibration')
    .map((row) => ({
      path: row.path,
      name: MAIN_LEVERS.find((l) => l.path === row.path)?.label ?? describeParameter(row.path)?.description.replace(/\s*\(.*\)\.?$|\.$/, '') ?? row.path,
      value: valueText(row.path, row.b),
      before: valueText(row.path, row.a),
      citation: scenario.citations[row.path] ?? row.citation,
      hasControl: MAIN_LEVERS.some((l) => l.path === row.path),
    }));
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Fills `host` with the scenario's description, its changes and its sources. */
export function showScenarioAbout(host: HTMLElement, scenario: Scenario, parent: Scenario | undefined, parentName: string | undefined): void {
  host.replaceChildren();
  host.append(element('p', 'about-description', scenario.description));
  const changes = parent ? scenarioChanges(parent, scenario) : [];
  if (parent) {
    host.append(element('p', 'about-heading', changes.length === 0 ? `Same parameters as ${parentName ?? 'the scenario it builds on'}.` : `Changes from ${parentName ?? 'the scenario it builds on'}:`));
    const list = element('ul', 'about-changes');
    list.dataset.testid = 'scenario-changes';
    for (const c of changes) {
      const li = element('li', 'about-change');
      li.dataset.path = c.path;
      li.append(element('span', 'about-name', c.name), ' ', element('span', 'about-value', `${c.before} → ${c.value}`));
      if (!c.hasControl) li.append(element('code', 'about-path', c.path));
      if (c.citation) li.append(element('span', 'about-citation', c.citation));
      list.append(li);
    }
    host.append(list);
  }
  const timeline = scenario.timeline ?? [];
  const ownTimeline = parent ? timeline.filter((t) => !(parent.timeline ?? []).some((p) => JSON.stringify(p) === JSON.stringify(t))) : timeline;
  if (ownTimeline.length > 0) {
    host.append(element('p', 'about-heading', 'Changes during the run:'));
    const list = element('ul', 'about-changes');
    for (const t of ownTimeline) {
      const when = t.month !== undefined ? `month ${t.month}` : t.date;
      const li = element('li', 'about-change', `${when}: ${t.path} → ${valueText(t.path, t.value)}`);
      if (t.source) li.append(element('span', 'about-citation', t.source));
      list.append(li);
    }
    host.append(list);
  }
  const sources = element('details', 'about-sources');
  sources.append(element('summary', '', `Sources (${scenario.sources.length})`));
  const list = element('ul', 'about-source-list');
  for (const s of scenario.sources) list.append(element('li', '', `${s.id}: ${s.citation}`));
  sources.append(list);
  host.append(sources);
}
