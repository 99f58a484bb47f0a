import type { ImportFormat, Severity } from '../../standards/report.ts';

/** The words of the import pages, in one place (the rest of the service's wording is in pages/locales). */
export const words = {
  nav: 'Imports',
  navHint: 'Upload the council’s SSD extract or DfE returns, check them, and import them.',
  uploadTitle: 'Import the council’s data',
  reportTitle: 'Check the import',
  historyTitle: 'Import history',
  historyReportTitle: 'Import report',
  formats: [
    { value: 'ssd', text: 'Standard Safeguarding Dataset (SSD) extract', hint: 'One CSV file per ssd_ table, or a zip of them.' },
    { value: 'cin', text: 'Children in need census', hint: 'The CIN census XML file.' },
    { value: '903', text: 'SSDA903 return (children looked after)', hint: 'The SSDA903 CSV tables, or a zip of them.' },
    { value: 'csww', text: 'Children’s social work workforce census', hint: 'The workforce census XML file.' },
  ] as { value: ImportFormat; text: string; hint: string }[],
  notAvailable: 'Caseweight cannot import these yet:',
  errors: {
    chooseFormat: 'Select what the files are',
    formatNotAvailable: 'Caseweight cannot import this format yet. Choose another, or import it later.',
    chooseFiles: 'Select the files to import, or a zip of them',
    tooManyFiles: (n: number) => `Upload at most ${n} files at once, or put them in one zip`,
    tooBig: (mb: number) => `Each file must be smaller than ${mb} MB; split the extract`,
    badForm: 'The form could not be read. Go back, reload the page and try again.',
    gone: 'This upload is no longer here: it has been imported, it has expired (uploads are kept for an hour), or it belongs to someone else. Upload the files again.',
  },
  severity: { error: 'Error', rejected: 'Not imported', rule: 'Rule failed', warning: 'Warning' } as Record<Severity, string>,
  severityHint: {
    error: 'Stops the import: nothing is written until it is fixed.',
    rejected: 'This row is left out; the rest of the files import.',
    rule: 'Imported, and flagged on the record so it can be fixed at source.',
    warning: 'Worth knowing; nothing is wrong.',
  } as Record<Severity, string>,
  tables: {
    teams: 'Teams', practitioners: 'Practitioners', absences: 'Absences', posts: 'Posts', children: 'Children', episodes: 'Case episodes',
    factors: 'Complexity factors', allocations: 'Allocations', recorded: 'Recorded activity',
  } as Record<string, string>,
  /** The report's groups, in the order the page lists them. */
  groups: {
    error: 'Errors that stop the import',
    rejected: 'Rows not imported',
    rule: 'Rules failed: imported and flagged',
    warning: 'Warnings',
  } as Record<Severity, string>,
  status: { validated: 'Ready to import', stopped: 'Stopped', imported: 'Imported', unchanged: 'No changes' } as Record<string, string>,
};

export const formatLabel = (format: string): string => words.formats.find((f) => f.value === format)?.text ?? format;
