/** A file-system error as Danish words for the user (Node's own messages are English). */
export function fsProblem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT': return 'filen eller mappen findes ikke';
    case 'EACCES': case 'EPERM': return 'ingen adgang';
    case 'EISDIR': return 'er en mappe, ikke en fil';
    case 'ENOTDIR': return 'en del af stien er en fil, ikke en mappe';
    case 'ENOSPC': return 'der er ikke mere plads på disken';
    case 'EROFS': return 'stedet kan kun læses, ikke skrives';
    case 'EEXIST': return 'findes allerede';
    case 'EBUSY': case 'ETXTBSY': return 'filen er i brug af et andet program';
    case 'ENAMETOOLONG': return 'navnet er for langt til filsystemet';
    case 'ELOOP': return 'er en symbolsk henvisning, som delaftale ikke følger';
    case 'EIO': return 'læse- eller skrivefejl på disken';
    case 'EDQUOT': return 'diskkvoten er brugt op';
    case 'EMFILE': case 'ENFILE': return 'for mange åbne filer';
    default: return `uventet fejl i filsystemet (${code ?? 'ukendt'})`;
  }
}
