// Fictional names for demo records. Any likeness to a real person is chance.
export const FIRST_NAMES = [
  'Aisha', 'Alfie', 'Amara', 'Amelia', 'Arlo', 'Ava', 'Bilal', 'Callum', 'Chloe', 'Daniel', 'Deja', 'Eden', 'Eliza', 'Ellis',
  'Emre', 'Erin', 'Ewan', 'Faith', 'Finley', 'Freya', 'Grace', 'Hamza', 'Harper', 'Harvey', 'Ibrahim', 'Imani', 'Isla', 'Jacob',
  'Jade', 'Jayden', 'Kacper', 'Kai', 'Kiera', 'Layla', 'Leo', 'Lily', 'Logan', 'Maisie', 'Maya', 'Mason', 'Mia', 'Mohammed',
  'Nadia', 'Niamh', 'Noah', 'Nia', 'Oliver', 'Olivia', 'Oscar', 'Owen', 'Priya', 'Reggie', 'Riley', 'Rosie', 'Ruby', 'Sami',
  'Sofia', 'Taylor', 'Theo', 'Tia', 'Tobias', 'Valentina', 'Wiktoria', 'Yusuf', 'Zara', 'Zain',
];

export const SURNAMES = [
  'Abbott', 'Adeyemi', 'Ahmed', 'Ali', 'Baker', 'Begum', 'Bennett', 'Brennan', 'Campbell', 'Chowdhury', 'Clarke', 'Davies',
  'Dobson', 'Edwards', 'Evans', 'Fletcher', 'Foster', 'Francis', 'Gill', 'Green', 'Hall', 'Harris', 'Hussain', 'Iqbal',
  'Jackson', 'James', 'Johnson', 'Kaur', 'Kowalski', 'Lewis', 'Lloyd', 'Mahmood', 'Marsh', 'Mensah', 'Mills', 'Moore',
  'Murphy', 'Nowak', 'Okafor', 'Osei', 'Owen', 'Palmer', 'Patel', 'Phillips', 'Price', 'Rahman', 'Reid', 'Roberts', 'Robinson',
  'Shah', 'Singh', 'Smith', 'Taylor', 'Thomas', 'Thompson', 'Turner', 'Walker', 'Ward', 'Watson', 'White', 'Williams',
  'Wilson', 'Wood', 'Wright', 'Young',
];
