/**
 * Type-ahead over `authors(search:)` as an ARIA combobox (the WAI-ARIA "list autocomplete" pattern): the
 * input owns a listbox of options, arrow keys move the active option, Enter picks it, Escape closes the
 * list. The page has two: the author to center on, and the second author of a collaboration path.
 */
import { searchAuthors, ServerUnreachableError } from './api.js';

export interface AuthorChoice {
  id: string;
  name: string;
}

type Found = Awaited<ReturnType<typeof searchAuthors>>['authors']['nodes'][number];

/** Wait this long after the last key before asking the server. */
const DEBOUNCE_MS = 180;

export function attachAuthorSearch(input: HTMLInputElement, listbox: HTMLUListElement, onPick: (author: AuthorChoice) => void): void {
  let results: Found[] = [];
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | undefined;

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', listbox.id);
  input.setAttribute('aria-expanded', 'false');
  input.autocomplete = 'off';
  listbox.setAttribute('role', 'listbox');
  listbox.hidden = true;

  const close = () => {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  const setActive = (index: number) => {
    active = index;
    [...listbox.children].forEach((option, i) => option.setAttribute('aria-selected', String(i === index)));
    const option = listbox.children[index];
    if (option) {
      input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    }
  };

  const pick = (index: number) => {
    const author = results[index];
    if (!author) return;
    input.value = author.name;
    close();
    onPick({ id: author.id, name: author.name });
  };

  const show = (found: Found[], message?: string) => {
    results = found;
    listbox.replaceChildren();
    if (message) {
      const item = document.createElement('li');
      item.className = 'search-message';
      item.setAttribute('aria-disabled', 'true');
      item.textContent = message;
      listbox.append(item);
    }
    found.forEach((author, i) => {
      const option = document.createElement('li');
      option.id = `${listbox.id}-option-${i}`;
      option.setAttribute('role', 'option');
      option.setAttribute('aria-selected', 'false');
      const name = document.createElement('span');
      name.textContent = author.name;
      const detail = document.createElement('span');
      detail.className = 'option-detail';
      detail.textContent = [`${author.paperCount} paper${author.paperCount === 1 ? '' : 's'}`, author.affiliation].filter(Boolean).join(' · ');
      option.append(name, detail);
      // mousedown, not click: a click would blur the input first and close the list.
      option.addEventListener('mousedown', (event) => {
        event.preventDefault();
        pick(i);
      });
      listbox.append(option);
    });
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    active = -1;
  };

  const search = async (text: string) => {
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    try {
      const data = await searchAuthors(text, controller.signal);
      if (controller.signal.aborted) return;
      const found = data.authors.nodes;
      show(found, found.length ? undefined : `No author named “${text}”.`);
    } catch (error) {
      if (controller.signal.aborted) return;
      show([], error instanceof ServerUnreachableError ? 'The server cannot be reached.' : 'The search failed; try other words.');
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < 2) {
      inFlight?.abort();
      close();
      return;
    }
    timer = setTimeout(() => void search(text), DEBOUNCE_MS);
  });

  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (listbox.hidden || results.length === 0) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((active + step + results.length) % results.length);
    } else if (event.key === 'Enter') {
      if (listbox.hidden) return;
      event.preventDefault();
      pick(active >= 0 ? active : 0);
    } else if (event.key === 'Escape') {
      close();
    }
  });

  input.addEventListener('blur', close);
}
