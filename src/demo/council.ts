/** The fictional council `npm start` seeds on an empty database. */
export const DEMO_COUNCIL = { councilId: 'demo', name: 'Demo Borough Council (fictional)' };
