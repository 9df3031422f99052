// Beheer, toegang (/beheer/toegang): per municipality of the region, where a family goes for a referral (its wijkteam,
// CJG or lokale toegang) and how long that first step takes. The public search and offering pages show it to parents.
import { h, replace } from './dom.js';
import { formatDate, weeks } from './format.js';
import { NOT_A_NUMBER, busy, failure, failureText, formErrors, optional, section, success, textField, wholeNumber } from './beheer-form.js';

// A field's own words where the code's words (problems.js) would say less.
const WORDS = {
  name: { required: 'Vul de naam in waaronder gezinnen de toegang kennen, bijvoorbeeld “Sociaal Team Winterswijk”.' },
  phone: { 'at-least-one': 'Vul een telefoonnummer of een website in: een van beide moet er zijn.' },
  waitWeeks: { range: ({ min, max }) => `Vul een aantal weken in van ${min} tot en met ${max}, of laat het leeg als je het niet weet.` },
};

/** What a municipality's toegang now says, in one short block. */
function summary(municipality) {
  const access = municipality.access;
  if (!access) return h('p', { class: 'muted' }, 'Nog niet ingevuld: ouders zien het algemene nummer van de gemeente (14 + netnummer).');
  return h('ul', { class: 'plain' },
    h('li', {}, h('strong', {}, access.name)),
    h('li', {}, [access.phone, access.email, access.website].filter(Boolean).join(' · ')),
    h('li', {}, access.waitWeeks == null
      ? 'Wachttijd voor een eerste gesprek: niet ingevuld'
      : `Wachttijd voor een eerste gesprek: ${weeks(access.waitWeeks)} (ingevuld op ${formatDate(access.waitReportedAt)})`));
}

function accessForm(session, municipality, { onSaved, onCancel }) {
  const access = municipality.access ?? {};
  const fields = {
    name: textField('Naam', { value: access.name, hint: 'Zoals gezinnen de toegang kennen: wijkteam, sociaal team, CJG of jeugdteam.', className: 'input-long-text' }),
    phone: textField('Telefoon', { value: access.phone, type: 'tel', className: 'input-medium', hint: 'Een telefoonnummer of een website (of beide) is nodig.' }),
    email: textField('E-mail (mag leeg)', { value: access.email, type: 'email', className: 'input-medium' }),
    website: textField('Website', { value: access.website, type: 'url', className: 'input-long-text', hint: 'Begint met https://' }),
    waitWeeks: textField('Wachttijd voor een eerste gesprek, in weken (mag leeg)', {
      value: access.waitWeeks ?? '', className: 'input-short', inputmode: 'numeric',
      hint: 'Vul de wachttijd van nu in, ook als die niet veranderd is: ouders zien de datum van vandaag erbij.',
    }),
  };
  const messages = h('div', { class: 'form-messages' });
  const submit = h('button', { type: 'submit', class: 'button-primary' }, 'Opslaan');
  const cancel = h('button', { type: 'button', class: 'button-secondary', onclick: onCancel }, 'Annuleren');
  const form = h('form', { class: 'beheer-form editor', novalidate: true, 'aria-label': `Toegang in ${municipality.name}` },
    h('h3', {}, `Toegang in ${municipality.name}`),
    messages,
    Object.values(fields).map((f) => f.element),
    h('div', { class: 'form-actions' }, submit, cancel));
  const errors = formErrors(form, messages, { fields: Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, f.input])), words: WORDS });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.clear();
    const waitWeeks = wholeNumber(fields.waitWeeks.input);
    if (Number.isNaN(waitWeeks)) {
      errors.show([{ input: fields.waitWeeks.input, message: NOT_A_NUMBER }]);
      return;
    }
    const body = {
      name: optional(fields.name.input),
      phone: optional(fields.phone.input),
      email: optional(fields.email.input),
      website: optional(fields.website.input),
      waitWeeks,
    };
    try {
      const saved = await busy(submit, () => session.api.put(
        `/api/v1/admin/municipalities/${encodeURIComponent(municipality.code)}/access`, body, municipality.eTag));
      await onSaved(saved);
    } catch (error) {
      errors.refuse(error);
    }
  });
  return form;
}

export async function show(page, session, { setTitle }) {
  const region = session.region;
  setTitle(`Toegang per gemeente — ${region.name}`);
  const heading = h('h1', { tabindex: '-1' }, `Toegang per gemeente in regio ${region.name}`);
  const list = h('ul', { class: 'beheer-list' });
  const notice = h('div', {});
  replace(page, heading, h('p', { class: 'loading', role: 'status' }, 'De gemeenten worden geladen…'));

  async function load() {
    return session.api.get(`/api/v1/admin/regions/${encodeURIComponent(region.code)}/municipalities`);
  }

  function render(municipalities, message) {
    replace(list, municipalities.map((municipality) => {
      const item = h('li', {});
      const edit = h('button', { type: 'button', class: 'button-link', 'aria-label': `Wijzigen: toegang in ${municipality.name}` }, 'Wijzigen');
      const view = () => replace(item, h('h3', {}, municipality.name), summary(municipality), h('div', { class: 'item-actions' }, edit));
      edit.addEventListener('click', () => {
        const form = accessForm(session, municipality, {
          onCancel: () => {
            view();
            edit.focus();
          },
          onSaved: async (saved) => {
            const fresh = await load();
            render(fresh, success(`De toegang in ${saved.name} is opgeslagen`,
              'Ouders zien hem meteen bij het zoeken en bij elk aanbod in deze gemeente.'));
          },
        });
        replace(item, form);
        form.querySelector('input').focus();
      });
      view();
      return item;
    }));
    replace(notice, message);
    message?.focus();
  }

  try {
    const municipalities = await load();
    replace(page,
      heading,
      h('p', { class: 'lead' }, 'Waar gaat een gezin heen voor een verwijzing? Ouders zien dit bij het zoeken en bij elk aanbod, met wat ze kunnen doen als de wachttijd langer is dan de norm.'),
      section('Gemeenten', notice, list));
    render(municipalities);
  } catch (error) {
    replace(page, heading, failure(failureText(error, { saving: false })));
  }
}
