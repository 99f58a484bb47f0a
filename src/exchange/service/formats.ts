// Every format Caseweight reads, registered once: the command line and the upload pages import
// this, so both offer the same formats. The SSD reader is built into the import service.
import './cin.ts';
import './ssda903.ts';
import './csww.ts';
