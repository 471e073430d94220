<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="da" sourcelanguage="en">
<context>
    <name>AccuracyAction</name>
    <message>
        <source>Whisper&apos;s &amp;Accuracy…</source>
        <translation>Whispers &amp;nøjagtighed…</translation>
    </message>
</context>
<context>
    <name>AccuracyDialog</name>
    <message>
        <source>Whisper&apos;s accuracy</source>
        <translation>Whispers nøjagtighed</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Taler</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>Ord</translation>
    </message>
    <message>
        <source>WER</source>
        <translation>WER</translation>
    </message>
    <message>
        <source>CER</source>
        <translation>CER</translation>
    </message>
    <message>
        <source>Said</source>
        <translation>Sagt</translation>
    </message>
    <message>
        <source>Whisper wrote</source>
        <translation>Whisper skrev</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>Antal</translation>
    </message>
    <message>
        <source>Written wrong most often — worth adding to the names and terms for Whisper next time:</source>
        <translation>Oftest skrevet forkert — værd at tilføje til navne og fagord til Whisper næste gang:</translation>
    </message>
    <message>
        <source>Whisper ({model}) against your corrections, {words} words:
Word error rate (WER): {wer}
Character error rate (CER): {cer}
{substituted} words written wrong, {missing} left out, {added} added.</source>
        <translation>Whisper ({model}) sammenlignet med dine rettelser, {words} ord:
Ordfejlrate (WER): {wer}
Tegnfejlrate (CER): {cer}
{substituted} ord skrevet forkert, {missing} udeladt, {added} tilføjet.</translation>
    </message>
    <message>
        <source>Both texts are compared in lower case, without punctuation or pause marks; numbers and æ, ø, å as written.</source>
        <translation>Begge tekster sammenlignes med små bogstaver, uden tegnsætning og pausemarkeringer; tal og æ, ø, å som skrevet.</translation>
    </message>
    <message>
        <source>This transcript was imported from a typed file: there is no machine transcript in it to measure.</source>
        <translation>Denne transskription er importeret fra en skrevet fil: den indeholder ingen maskintransskription at måle.</translation>
    </message>
    <message>
        <source>This transcript was corrected before Transkript kept what Whisper wrote, so Whisper&apos;s own words are no longer known. Transcribe the recording into a new project and measure it with: transcribe-app accuracy NEW --reference THIS</source>
        <translation>Denne transskription blev rettet, før Transkript gemte det, Whisper skrev, så Whispers egne ord kendes ikke længere. Transskribér optagelsen til et nyt projekt, og mål det med: transcribe-app accuracy NY --reference DENNE</translation>
    </message>
    <message>
        <source>Nothing to measure yet: correct the transcript first. The figures compare what Whisper wrote with your corrections.</source>
        <translation>Intet at måle endnu: ret transskriptionen først. Tallene sammenligner det, Whisper skrev, med dine rettelser.</translation>
    </message>
</context>
<context>
    <name>AudioOptions</name>
    <message>
        <source>FLAC (lossless)</source>
        <translation>FLAC (tabsfri)</translation>
    </message>
    <message>
        <source>MP3</source>
        <translation>MP3</translation>
    </message>
    <message>
        <source>Opus</source>
        <translation>Opus</translation>
    </message>
    <message>
        <source>WAV (uncompressed)</source>
        <translation>WAV (ukomprimeret)</translation>
    </message>
    <message>
        <source>The kind of audio file: the ending of “Save as”</source>
        <translation>Lydfilens type: endelsen på “Gem som”</translation>
    </message>
    <message>
        <source>names covered by a tone</source>
        <translation>navne dækket af en tone</translation>
    </message>
    <message>
        <source>names covered by silence</source>
        <translation>navne dækket af stilhed</translation>
    </message>
    <message>
        <source>A tone lets a listener hear that something was covered; silence does not</source>
        <translation>En tone lader lytteren høre, at noget er dækket; det gør stilhed ikke</translation>
    </message>
    <message>
        <source>Disguise the voices (pitch shift, semitones):</source>
        <translation>Forklæd stemmerne (tonehøjde, halvtoner):</translation>
    </message>
    <message>
        <source>Covering names does not anonymise a recording: a voice identifies a person. The disguise is weak — shifting the pitch back undoes it. Share the recording only where your consent and data agreements allow.</source>
        <translation>At dække navne anonymiserer ikke en optagelse: en stemme identificerer en person. Forklædningen er svag — den ophæves ved at flytte tonehøjden tilbage. Del kun optagelsen, hvor samtykke og databehandlingsaftaler tillader det.</translation>
    </message>
</context>
<context>
    <name>CitePanel</name>
    <message>
        <source>Export the appendix…</source>
        <translation>Eksportér bilaget…</translation>
    </message>
    <message>
        <source>Find a quote: paste it as the thesis has it (… and (...) allowed)</source>
        <translation>Find et citat: indsæt det, som det står i opgaven (… og (...) er tilladt)</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Søg</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Linje</translation>
    </message>
    <message>
        <source>Appendix</source>
        <translation>Bilag</translation>
    </message>
    <message>
        <source>Copy citation</source>
        <translation>Kopiér citat</translation>
    </message>
    <message>
        <source>Puts „quote“ (VJ: 79-80) on the clipboard</source>
        <translation>Lægger „citat“ (VJ: 79-80) i udklipsholderen</translation>
    </message>
    <message>
        <source>Add to quote basket</source>
        <translation>Læg i citatkurven</translation>
    </message>
    <message>
        <source>Quote basket — the quotes to send to the informant:</source>
        <translation>Citatkurv — de citater, der skal sendes til informanten til godkendelse:</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Fjern</translation>
    </message>
    <message>
        <source>Lines of context:</source>
        <translation>Kontekst (linjer):</translation>
    </message>
    <message>
        <source>Validation package…</source>
        <translation>Pakke til citatgodkendelse…</translation>
    </message>
    <message>
        <source>A Word document for the informant: each quote, the lines around it, room for a reply</source>
        <translation>Et Word-dokument til informanten: hvert citat, linjerne omkring det og plads til et svar</translation>
    </message>
    <message>
        <source>This transcript has no citation code, so its lines cannot be cited. Give it one (for example VJ) in the project&apos;s details.</source>
        <translation>Denne transskription har ingen henvisningskode, så dens linjer kan ikke citeres. Giv den en (for eksempel VJ) i projektets oplysninger.</translation>
    </message>
    <message>
        <source>No appendix has been exported yet: these lines are numbered as an export would number them now ({lines} lines, {width} characters per line). Export the appendix before you cite, so the thesis, the appendix and these numbers agree.</source>
        <translation>Der er endnu ikke eksporteret noget bilag: linjerne er nummereret, som en eksport ville nummerere dem nu ({lines} linjer, {width} tegn pr. linje). Eksportér bilaget, før du citerer, så opgaven, bilaget og disse linjenumre stemmer overens.</translation>
    </message>
    <message>
        <source>The transcript or its names changed after the appendix was exported: these line numbers may differ from the appendix in your thesis. Export the appendix again.</source>
        <translation>Transskriptionen eller dens navne er ændret, efter bilaget blev eksporteret: disse linjenumre kan afvige fra bilaget i din opgave. Eksportér bilaget igen.</translation>
    </message>
    <message>
        <source>The words on these lines changed since you added the quote: check the lines.</source>
        <translation>Ordene på disse linjer er ændret, siden du lagde citatet i kurven: tjek linjerne.</translation>
    </message>
    <message>
        <source>Copied {citation} to the clipboard.</source>
        <translation>Kopierede {citation} til udklipsholderen.</translation>
    </message>
    <message>
        <source>Add {citation} to the quote basket</source>
        <translation>Læg {citation} i citatkurven</translation>
    </message>
    <message>
        <source>{citation} is in the quote basket.</source>
        <translation>{citation} ligger i citatkurven.</translation>
    </message>
    <message>
        <source>Remove {citation} from the quote basket</source>
        <translation>Fjern {citation} fra citatkurven</translation>
    </message>
    <message>
        <source>Looking…</source>
        <translation>Søger…</translation>
    </message>
    <message>
        <source>Not found in the appendix.</source>
        <translation>Ikke fundet i bilaget.</translation>
    </message>
    <message>
        <source>Nearest: {where}, {how}.</source>
        <translation>Nærmeste: {where}, {how}.</translation>
    </message>
    <message>
        <source>Found: {citation}</source>
        <translation>Fundet: {citation}</translation>
    </message>
    <message>
        <source>The quote stands in {n} places: {places}. The first is selected; quote more of it to tell them apart.</source>
        <translation>Citatet står {n} steder: {places}. Det første er markeret; citér mere af det for at skelne dem fra hinanden.</translation>
    </message>
    <message>
        <source>Validation package</source>
        <translation>Pakke til citatgodkendelse</translation>
    </message>
    <message>
        <source>Word documents (*.docx)</source>
        <translation>Word-dokumenter (*.docx)</translation>
    </message>
    <message>
        <source>Writing the validation package…</source>
        <translation>Skriver pakken til citatgodkendelse…</translation>
    </message>
    <message>
        <source>No validation package was made: the basket holds quotes by {codes}, and a package is one informant&apos;s, so that each sees only their own words. Keep one informant&apos;s quotes in the basket, write their package, then the next one&apos;s.</source>
        <translation>Der blev ikke lavet nogen pakke til citatgodkendelse: kurven har citater af {codes}, og en pakke er én informants, så hver kun ser sine egne ord. Behold én informants citater i kurven, skriv vedkommendes pakke, og derefter den næstes.</translation>
    </message>
    <message>
        <source>No validation package was made: none of the basket&apos;s quotes stands in the turn of one of the informants ({codes}), so whose package it is cannot be told. Label the speakers with their codes in the roster, or quote the informant&apos;s own words.</source>
        <translation>Der blev ikke lavet nogen pakke til citatgodkendelse: ingen af kurvens citater står i en replik fra en af informanterne ({codes}), så det kan ikke afgøres, hvis pakke det er. Giv talerne deres koder på deltagerlisten, eller citér informantens egne ord.</translation>
    </message>
    <message numerus="yes">
        <source>Wrote {name}: %n quote(s) with {context} lines of context.</source>
        <translation>
            <numerusform>Skrev {name}: %n citat med {context} linjers kontekst.</numerusform>
            <numerusform>Skrev {name}: %n citater med {context} linjers kontekst.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CoreMessages</name>
    <message>
        <source>The {backend} model “{model}” is not on this computer. Looked in:
{places}
Get it once with --download on a computer with internet (it is saved in {folder}), or put {shape} in one of the folders above, or give its path with --model.</source>
        <translation>{backend}-modellen “{model}” findes ikke på denne computer. Der blev søgt i:
{places}
Hent den én gang på en computer med internet: Transskribér tilbyder at hente den (i kommandolinjen --download), og den gemmes i {folder}. Eller læg {shape} i en af mapperne ovenfor, eller vælg den med “Brug lokal modelfil” (i kommandolinjen --model).</translation>
    </message>
    <message>
        <source>The model file or folder “{path}” does not exist.</source>
        <translation>Modelfilen eller -mappen “{path}” findes ikke.</translation>
    </message>
    <message>
        <source>“{path}” is not a faster-whisper (CTranslate2) model folder: it has no model.bin.{hint}</source>
        <translation>“{path}” er ikke en faster-whisper-modelmappe (CTranslate2): den har ingen model.bin.{hint}</translation>
    </message>
    <message>
        <source> A .pt file is used with --backend whisper.</source>
        <translation> En .pt-fil bruges med whisper-motoren (--backend whisper).</translation>
    </message>
    <message>
        <source>Could not download the model “{model}” ({reason}). Check the internet connection, or place the model in {folder} by hand.</source>
        <translation>Modellen “{model}” kunne ikke hentes ({reason}). Tjek internetforbindelsen, eller læg modellen i {folder} med hånden.</translation>
    </message>
    <message>
        <source>a folder with model.bin (CTranslate2)</source>
        <translation>en mappe med model.bin (CTranslate2)</translation>
    </message>
    <message>
        <source>a .pt file</source>
        <translation>en .pt-fil</translation>
    </message>
    <message>
        <source>“{text}” is not a number of speakers; give a count (2) or a range (5-8).</source>
        <translation>“{text}” er ikke et antal talere; skriv et antal (2) eller et interval (5-8).</translation>
    </message>
    <message>
        <source>The number of speakers must be between 1 and {most}, not {text}.</source>
        <translation>Antallet af talere skal være mellem 1 og {most}, ikke {text}.</translation>
    </message>
    <message>
        <source>The range of speakers “{text}” runs backwards; give the smaller number first ({turned}).</source>
        <translation>Intervallet af talere “{text}” går baglæns; skriv det mindste tal først ({turned}).</translation>
    </message>
    <message>
        <source>Found {found} speakers, the most Transkript looks for without being told; if more people speak, give the number or a range (for example --speakers {range}).</source>
        <translation>Fandt {found} talere, det højeste antal Transkript leder efter uden at få det at vide; taler flere personer, så angiv antallet eller et interval (for eksempel {range}).</translation>
    </message>
    <message>
        <source>Found {found} speakers, the top of the range {range} you gave; if more people speak, give a wider range.</source>
        <translation>Fandt {found} talere, toppen af intervallet {range}, som du angav; taler flere personer, så angiv et bredere interval.</translation>
    </message>
    <message>
        <source>Found only {found} speakers of the {least} or more you gave: some voices could not be told apart, so one label may hold two people; check the turns.</source>
        <translation>Fandt kun {found} talere af de mindst {least}, du angav: nogle stemmer kunne ikke skelnes, så én betegnelse kan dække to personer; kontrollér replikkerne.</translation>
    </message>
    <message>
        <source>Little speech from {speakers}: a speaker heard for under {seconds} seconds may be a piece of another voice, and their label is not to be trusted; check their words.</source>
        <translation>Kun lidt tale fra {speakers}: en taler, der høres i under {seconds} sekunder, kan være et stykke af en anden stemme, og betegnelsen er usikker; kontrollér ordene.</translation>
    </message>
    <message>
        <source>The project file “{path}” does not exist.</source>
        <translation>Projektfilen “{path}” findes ikke.</translation>
    </message>
    <message>
        <source>The project file “{name}” is damaged and cannot be read ({problem}). The previous version is kept as “{backup}” if it exists.</source>
        <translation>Projektfilen “{name}” er beskadiget og kan ikke læses ({problem}). Den forrige udgave er gemt som “{backup}”, hvis den findes.</translation>
    </message>
    <message>
        <source>The project file “{path}” cannot be read: {reason}.</source>
        <translation>Projektfilen “{path}” kan ikke læses: {reason}.</translation>
    </message>
    <message>
        <source>The study file “{path}” is damaged and cannot be read ({problem}). It is left as it is; the previous version is “{backup}” if it exists.</source>
        <translation>Undersøgelsesfilen “{path}” er beskadiget og kan ikke læses ({problem}). Den bliver ikke ændret; den forrige udgave er “{backup}”, hvis den findes.</translation>
    </message>
    <message>
        <source>{path} is not a Transkript study file.</source>
        <translation>{path} er ikke en undersøgelsesfil fra Transkript.</translation>
    </message>
    <message>
        <source>“{name}” is open in another Transkript window (process {pid} on this computer, since {since}); close it there (or wait), then try again. If no Transkript runs on this computer any more, delete “{lock}” beside it.</source>
        <translation>“{name}” er åben i et andet Transkript-vindue (proces {pid} på denne computer, siden {since}); luk den dér (eller vent), og prøv så igen. Hvis der ikke længere kører noget Transkript på denne computer, så slet “{lock}”, som ligger ved siden af.</translation>
    </message>
    <message>
        <source>“{name}” is being transcribed by another window or command (process {pid} on this computer, since {since}); wait for it to finish or close it there. If no Transkript runs on this computer any more, delete “{lock}” beside it.</source>
        <translation>“{name}” bliver transskriberet af et andet vindue eller en anden kommando (proces {pid} på denne computer, siden {since}); vent, til den er færdig, eller luk den dér. Hvis der ikke længere kører noget Transkript på denne computer, så slet “{lock}”, som ligger ved siden af.</translation>
    </message>
    <message>
        <source>“{name}” is being changed by another command (transcribe-app {command}) (process {pid} on this computer, since {since}); wait for it to finish, then try again. If no Transkript runs on this computer any more, delete “{lock}” beside it.</source>
        <translation>“{name}” bliver ændret af en anden kommando (transcribe-app {command}) (proces {pid} på denne computer, siden {since}); vent, til den er færdig, og prøv så igen. Hvis der ikke længere kører noget Transkript på denne computer, så slet “{lock}”, som ligger ved siden af.</translation>
    </message>
    <message>
        <source>“{name}” is open in another Transkript window (process {pid} on the computer “{host}”, since {since}); close it there (or wait), then try again. If Transkript no longer runs there, delete “{lock}” beside the project (it is ignored anyway once it is {hours} hours old).</source>
        <translation>“{name}” er åben i et andet Transkript-vindue (proces {pid} på computeren “{host}”, siden {since}); luk den dér (eller vent), og prøv så igen. Hvis Transkript ikke længere kører dér, så slet “{lock}” ved siden af projektet (den ignoreres alligevel, når den er {hours} timer gammel).</translation>
    </message>
    <message>
        <source>“{name}” is locked by another window or command, but its lock “{lock}” cannot be read. Wait a moment and try again; if it stays, and no Transkript runs, delete that file.</source>
        <translation>“{name}” er låst af et andet vindue eller en anden kommando, men låsen “{lock}” kan ikke læses. Vent et øjeblik, og prøv igen; hvis den bliver ved, og der ikke kører noget Transkript, så slet den fil.</translation>
    </message>
    <message>
        <source>The voice file “{path}” is damaged and cannot be used ({problem}); remove it with “transcribe-app voices remove {study} {code}” and enrol again.</source>
        <translation>Stemmefilen “{path}” er beskadiget og kan ikke bruges ({problem}); fjern den med “transcribe-app voices remove {study} {code}”, og registrér stemmen igen.</translation>
    </message>
    <message>
        <source>“{project}” is no longer in the study folder; it left the queue.</source>
        <translation>“{project}” er ikke længere i undersøgelsens mappe; det er taget ud af køen.</translation>
    </message>
    <message>
        <source>The queue file “{path}” cannot be read ({reason}); queue the interviews again.</source>
        <translation>Køfilen “{path}” kan ikke læses ({reason}); sæt interviewene i kø igen.</translation>
    </message>
    <message>
        <source>{where} is not a Transkript queue file.</source>
        <translation>{where} er ikke en Transkript-køfil.</translation>
    </message>
    <message>
        <source>{where} names “{project}”, which is not inside the study folder.</source>
        <translation>{where} nævner “{project}”, som ikke ligger i undersøgelsens mappe.</translation>
    </message>
    <message>
        <source>The export was stopped: {count} real name(s) would still be in it.
{lines}
Reject or add these in the pseudonymisation review and export again, or export anyway with --allow-leaks (recorded in the audit log).</source>
        <translation>Eksporten blev stoppet: {count} rigtige navn(e) ville stadig stå i den.
{lines}
Afvis eller tilføj dem i navnegennemgangen, og eksportér igen, eller eksportér alligevel (i kommandolinjen --allow-leaks; det registreres i projektets logbog).</translation>
    </message>
    <message>
        <source>This transcript has no word times (a typed transcript has none), so nothing in the recording can be covered safely. A pseudonymised recording needs a transcript made from the recording.</source>
        <translation>Denne transskription har ingen tider på ordene (en skrevet transskription har ingen), så intet i optagelsen kan dækkes sikkert. En pseudonymiseret optagelse kræver en transskription lavet ud fra optagelsen.</translation>
    </message>
    <message>
        <source>A replaced name in the turn at {at} s stands on words without usable times, so it cannot be covered in the recording; nothing was written. Correct the word times (or transcribe the recording again) and export again.</source>
        <translation>Et erstattet navn i taleturen ved {at} s står på ord uden brugbare tider, så det kan ikke dækkes i optagelsen; intet blev skrevet. Ret ordenes tider (eller transskribér optagelsen igen), og eksportér igen.</translation>
    </message>
    <message>
        <source>A pseudonymised recording cannot be written as “{name}”: give the output one of these endings: {endings}.</source>
        <translation>En pseudonymiseret optagelse kan ikke skrives som “{name}”: giv filen en af disse endelser: {endings}.</translation>
    </message>
    <message>
        <source>A recording holds every voice, so it cannot be one informant&apos;s validation copy: give --profile appendix or archive.</source>
        <translation>En optagelse rummer alle stemmer og kan derfor ikke være én informants valideringskopi: vælg bilaget eller arkivkopien (--profile appendix eller archive).</translation>
    </message>
    <message>
        <source>This transcript has {count} informants ({codes}); say whose validation copy this is with --informant CODE: each informant sees only their own words.</source>
        <translation>Denne transskription har {count} informanter ({codes}); angiv, hvis valideringskopi det er (--informant KODE): hver informant ser kun sine egne ord.</translation>
    </message>
    <message>
        <source>“{informant}” is no informant of this transcript ({listed}). A validation copy is for one informant: give their code, and mark them informant in the roster (transcribe-app roster).</source>
        <translation>“{informant}” er ikke informant i denne transskription ({listed}). En valideringskopi er til én informant: angiv vedkommendes kode, og markér vedkommende som informant på deltagerlisten (transcribe-app roster).</translation>
    </message>
    <message>
        <source>none is marked informant in the roster</source>
        <translation>ingen er markeret som informant på deltagerlisten</translation>
    </message>
    <message>
        <source>A validation copy shows one informant their own words, and no one in this transcript&apos;s roster is marked informant. Mark them (transcribe-app roster PROJECT --import roster.csv, role informant) and try again.</source>
        <translation>En valideringskopi viser én informant vedkommendes egne ord, og ingen på denne transskriptions deltagerliste er markeret som informant. Markér informanten (transcribe-app roster PROJEKT --import roster.csv, rolle informant), og prøv igen.</translation>
    </message>
    <message>
        <source>No turn of this transcript is {informant}&apos;s, so their validation copy would be empty. Label the speakers (transcribe-app speakers) so that the informant&apos;s turns carry their code.</source>
        <translation>Ingen replik i denne transskription er {informant}s, så valideringskopien ville være tom. Navngiv talerne (transcribe-app speakers), så informantens replikker bærer vedkommendes kode.</translation>
    </message>
    <message>
        <source>{what} “{name}” is {input}; choose another name with {option}.</source>
        <translation>{what} “{name}” er {input}; vælg et andet navn under {option}.</translation>
    </message>
    <message>
        <source>{what} “{name}” is the backup of {input} (the project as it was before its last change); choose another name with {option}.</source>
        <translation>{what} “{name}” er sikkerhedskopien af {input} (projektet, som det var før den seneste ændring); vælg et andet navn under {option}.</translation>
    </message>
    <message>
        <source>{what} “{name}” is {other} itself; they must be two different files. Choose another name with {option}.</source>
        <translation>{what} “{name}” er selve {other}; det skal være to forskellige filer. Vælg et andet navn under {option}.</translation>
    </message>
    <message>
        <source>The folder “{folder}” for {what} does not exist; create it or choose another place with {option}.</source>
        <translation>Mappen “{folder}” til {what} findes ikke; opret den, eller vælg et andet sted under {option}.</translation>
    </message>
    <message>
        <source>“{path}” is a folder; give {what} a file name with {option}.</source>
        <translation>“{path}” er en mappe; giv {what} et filnavn under {option}.</translation>
    </message>
    <message>
        <source>The export</source>
        <translation>Eksporten</translation>
    </message>
    <message>
        <source>the export</source>
        <translation>eksporten</translation>
    </message>
    <message>
        <source>The key</source>
        <translation>Nøglen</translation>
    </message>
    <message>
        <source>the key</source>
        <translation>nøglen</translation>
    </message>
    <message>
        <source>the project you are exporting</source>
        <translation>det projekt, du eksporterer</translation>
    </message>
    <message>
        <source>the recording</source>
        <translation>optagelsen</translation>
    </message>
</context>
<context>
    <name>EditorMenus</name>
    <message>
        <source>Speaker</source>
        <translation>Taler</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Zoom &amp;ind</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Zoom &amp;ud</translation>
    </message>
    <message>
        <source>&amp;Normal Size</source>
        <translation>&amp;Normal størrelse</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>Eksportér</translation>
    </message>
    <message>
        <source>Word appendix, numbered lines (.docx)</source>
        <translation>Word-bilag med linjenumre (.docx)</translation>
    </message>
    <message>
        <source>PDF appendix, numbered lines (.pdf)</source>
        <translation>PDF-bilag med linjenumre (.pdf)</translation>
    </message>
    <message>
        <source>Text appendix, numbered lines (.txt)</source>
        <translation>Tekstbilag med linjenumre (.txt)</translation>
    </message>
    <message>
        <source>Subtitles, SubRip (.srt)</source>
        <translation>Undertekster, SubRip (.srt)</translation>
    </message>
    <message>
        <source>Subtitles, WebVTT (.vtt)</source>
        <translation>Undertekster, WebVTT (.vtt)</translation>
    </message>
    <message>
        <source>NVivo transcript import (.txt)</source>
        <translation>Transskription til import i NVivo (.txt)</translation>
    </message>
    <message>
        <source>MAXQDA / ATLAS.ti transcript import (.txt)</source>
        <translation>Transskription til import i MAXQDA / ATLAS.ti (.txt)</translation>
    </message>
    <message>
        <source>JSON, for other programs (.json)</source>
        <translation>JSON, til andre programmer (.json)</translation>
    </message>
    <message>
        <source>Plain text, one line per turn (.txt)</source>
        <translation>Ren tekst, én linje pr. taletur (.txt)</translation>
    </message>
    <message>
        <source>Pseudonymised recording, names covered (.flac, .mp3, .opus, .wav)</source>
        <translation>Pseudonymiseret optagelse, navne dækket (.flac, .mp3, .opus, .wav)</translation>
    </message>
    <message>
        <source>verbatim (every word as spoken)</source>
        <translation>ordret (hvert ord, som det blev sagt)</translation>
    </message>
    <message>
        <source>clean (fillers and repetitions left out)</source>
        <translation>renset (fyldord og gentagelser udeladt)</translation>
    </message>
    <message>
        <source>strict clean</source>
        <translation>stramt renset</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>View:</source>
        <translation>Visning:</translation>
    </message>
    <message>
        <source>Characters per line:</source>
        <translation>Tegn pr. linje:</translation>
    </message>
    <message>
        <source>Key file:</source>
        <translation>Nøglefil:</translation>
    </message>
    <message>
        <source>For:</source>
        <translation>Til:</translation>
    </message>
    <message>
        <source>As decided in the review (positions, ages, places kept unless decided)</source>
        <translation>Som besluttet i gennemgangen (stillinger, alder, steder bevaret, medmindre andet er valgt)</translation>
    </message>
    <message>
        <source>Thesis appendix (keeps positions unless decided; named in the document)</source>
        <translation>Bilag til afhandlingen (bevarer stillinger, medmindre andet er valgt; nævnt i dokumentet)</translation>
    </message>
    <message>
        <source>Archive copy (every position, age, place and year generalised)</source>
        <translation>Arkivkopi (alle stillinger, aldre, steder og årstal generaliseret)</translation>
    </message>
    <message>
        <source>Recording:</source>
        <translation>Optagelse:</translation>
    </message>
    <message>
        <source>Informant:</source>
        <translation>Informant:</translation>
    </message>
    <message>
        <source>Whose copy: they see their own words and no one else&apos;s</source>
        <translation>Hvis kopi: vedkommende ser sine egne ord og ingen andres</translation>
    </message>
    <message>
        <source>The informant&apos;s own copy: their turns in full, the interviewer&apos;s questions as context with other people and identifiers generalised, every other participant&apos;s words left out. It has the appendix&apos;s line numbers and layout, is written as Word, PDF or text only, and never becomes the appendix.</source>
        <translation>Informantens egen kopi: vedkommendes replikker i fuld længde, interviewerens spørgsmål som sammenhæng med andre personer og identifikatorer generaliseret, alle andre deltageres ord udeladt. Den har bilagets linjenumre og opsætning, skrives kun som Word, PDF eller tekst og bliver aldrig bilaget.</translation>
    </message>
    <message>
        <source>Save as:</source>
        <translation>Gem som:</translation>
    </message>
    <message>
        <source>Start each turn with its time [hh:mm:ss]</source>
        <translation>Start hver taletur med dens tidspunkt [tt:mm:ss]</translation>
    </message>
    <message>
        <source>Overlapping speech:</source>
        <translation>Overlappende tale:</translation>
    </message>
    <message>
        <source>Not marked</source>
        <translation>Ikke markeret</translation>
    </message>
    <message>
        <source>Marked //like this// (noScribe)</source>
        <translation>Markeret //sådan// (noScribe)</translation>
    </message>
    <message>
        <source>Marked [like this] (Jefferson)</source>
        <translation>Markeret [sådan] (Jefferson)</translation>
    </message>
    <message>
        <source>Where two voices were heard at once (found with the speakers). The marks take room on the lines, so the appendix remembers the choice.</source>
        <translation>Hvor to stemmer blev hørt på én gang (fundet sammen med talerne). Markeringerne fylder på linjerne, så bilaget husker valget.</translation>
    </message>
    <message>
        <source>Pseudonymise: replace names as the names review says</source>
        <translation>Pseudonymisér: erstat navne, som navnegennemgangen siger</translation>
    </message>
    <message>
        <source>Links the codes to the real names: keep it apart from the export</source>
        <translation>Forbinder koderne med de rigtige navne: opbevar den adskilt fra eksporten</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Gennemse…</translation>
    </message>
    <message>
        <source>Also replace the names still waiting for review, unseen</source>
        <translation>Erstat også de navne, der stadig venter på gennemsyn, uden at se dem</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Vælg…</translation>
    </message>
    <message>
        <source>Go to the names review</source>
        <translation>Gå til navnegennemgangen</translation>
    </message>
    <message>
        <source>Export anyway</source>
        <translation>Eksportér alligevel</translation>
    </message>
    <message>
        <source>“Export anyway” writes the file with these words in it. That you chose to is recorded in the project&apos;s audit log, with the number of names left in.</source>
        <translation>“Eksportér alligevel” skriver filen med disse ord i. At du valgte det, registreres i projektets logbog sammen med antallet af navne, der blev stående.</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Linje</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>Fundet</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <source>In the line</source>
        <translation>I linjen</translation>
    </message>
    <message>
        <source>Tables…</source>
        <translation>Tabeller…</translation>
    </message>
    <message>
        <source>The informant table and the appendix overview as a Word document</source>
        <translation>Informantoversigten og bilagsoversigten som et Word-dokument</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Luk</translation>
    </message>
    <message>
        <source>Informant&apos;s validation copy (their own turns; others left out)</source>
        <translation>Informantens valideringskopi (egne replikker; andres udeladt)</translation>
    </message>
    <message>
        <source>Choose whose copy this is…</source>
        <translation>Vælg, hvis kopi det er …</translation>
    </message>
    <message>
        <source>No one in the roster is marked informant</source>
        <translation>Ingen på deltagerlisten er markeret som informant</translation>
    </message>
    <message numerus="yes">
        <source>%n detection(s) still wait for review in the names panel.</source>
        <translation>
            <numerusform>%n fund venter stadig på gennemsyn i navnepanelet.</numerusform>
            <numerusform>%n fund venter stadig på gennemsyn i navnepanelet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Word documents (*.docx)</source>
        <translation>Word-dokumenter (*.docx)</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF-dokumenter (*.pdf)</translation>
    </message>
    <message>
        <source>Subtitles (*.srt)</source>
        <translation>Undertekster (*.srt)</translation>
    </message>
    <message>
        <source>Subtitles (*.vtt)</source>
        <translation>Undertekster (*.vtt)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-filer (*.json)</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Tekstfiler (*.txt)</translation>
    </message>
    <message>
        <source>Audio files (*{suffix})</source>
        <translation>Lydfiler (*{suffix})</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Eksportér til</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>Nøglefil</translation>
    </message>
    <message>
        <source>Key files (*.json);;All files (*)</source>
        <translation>Nøglefiler (*.json);;Alle filer (*)</translation>
    </message>
    <message>
        <source>Nothing was written: choose another name under “Save as”.</source>
        <translation>Intet blev skrevet: vælg et andet navn under “Gem som”.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Eksporterer…</translation>
    </message>
    <message>
        <source>Writing the pseudonymised recording…</source>
        <translation>Skriver den pseudonymiserede optagelse…</translation>
    </message>
    <message>
        <source>{names} and {identifiers}</source>
        <translation>{names} og {identifiers}</translation>
    </message>
    <message numerus="yes">
        <source>%n indirect identifier(s)</source>
        <translation>
            <numerusform>%n indirekte identifikator</numerusform>
            <numerusform>%n indirekte identifikatorer</numerusform>
        </translation>
    </message>
    <message>
        <source>Wrote {path}: {names} covered in {n} stretch(es), {seconds} s in all.</source>
        <translation>Skrev {path}: {names} dækket i {n} stykke(r), {seconds} s i alt.</translation>
    </message>
    <message numerus="yes">
        <source>%n name mention(s)</source>
        <translation>
            <numerusform>%n navneforekomst</numerusform>
            <numerusform>%n navneforekomster</numerusform>
        </translation>
    </message>
    <message>
        <source>The key is in {key}: keep it apart from the recording.</source>
        <translation>Nøglefilen ligger i {key}: opbevar den adskilt fra optagelsen.</translation>
    </message>
    <message>
        <source>The voice disguise is weak: the recording still identifies the speakers.</source>
        <translation>Stemmeforklædningen er svag: optagelsen identificerer stadig de talende.</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>Erstat filen?</translation>
    </message>
    <message>
        <source>“{name}” already exists in {folder}. Replace it with this export?</source>
        <translation>“{name}” findes allerede i {folder}. Skal den erstattes af denne eksport?</translation>
    </message>
    <message>
        <source>Choose where to save the export.</source>
        <translation>Vælg, hvor eksporten skal gemmes.</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>Mappen {folder} findes ikke.</translation>
    </message>
    <message>
        <source>A pseudonymised export needs a key file: the file that links codes to real names, kept apart from the export.</source>
        <translation>En pseudonymiseret eksport kræver en nøglefil: den fil, der forbinder koderne med de rigtige navne, og som opbevares adskilt fra eksporten.</translation>
    </message>
    <message>
        <source>The key and the export must be two different files.</source>
        <translation>Nøglefilen og eksporten skal være to forskellige filer.</translation>
    </message>
    <message>
        <source>Choose under “Informant:” whose validation copy this is: each informant sees only their own words, never another participant&apos;s.</source>
        <translation>Vælg under “Informant:”, hvis valideringskopi det er: hver informant ser kun sine egne ord, aldrig en anden deltagers.</translation>
    </message>
    <message>
        <source>No one in the roster is marked informant, so there is no one to make a validation copy for. Mark the informant in the roster, then export again.</source>
        <translation>Ingen på deltagerlisten er markeret som informant, så der er ingen at lave en valideringskopi til. Markér informanten på deltagerlisten, og eksportér så igen.</translation>
    </message>
    <message>
        <source>“Save as”</source>
        <translation>“Gem som”</translation>
    </message>
    <message>
        <source>“Key file”</source>
        <translation>“Nøglefil”</translation>
    </message>
    <message>
        <source>Wrote {path}.</source>
        <translation>Skrev {path}.</translation>
    </message>
    <message>
        <source>It is {code}&apos;s validation copy: their own turns with the appendix&apos;s line numbers, other participants left out; it does not become the appendix.</source>
        <translation>Det er {code}s valideringskopi: vedkommendes egne replikker med bilagets linjenumre, andre deltagere udeladt; den bliver ikke bilaget.</translation>
    </message>
    <message>
        <source>{n} numbered lines; citations now use these lines.</source>
        <translation>{n} nummererede linjer; henvisninger bruger nu disse linjer.</translation>
    </message>
    <message>
        <source>This copy is not pseudonymised, so it is private: citations and validation packages keep using the pseudonymised appendix.</source>
        <translation>Denne kopi er ikke pseudonymiseret og er derfor privat: henvisninger og pakker til citatgodkendelse bruger fortsat det pseudonymiserede bilag.</translation>
    </message>
    <message>
        <source>The key is in {key}: keep it apart from the export.</source>
        <translation>Nøglefilen ligger i {key}: opbevar den adskilt fra eksporten.</translation>
    </message>
    <message>
        <source>{n} possible real name(s) are in it, as you chose; this is recorded in the audit log.</source>
        <translation>Efter dit valg står der {n} ord i den, som kan være rigtige navne; det er registreret i logbogen.</translation>
    </message>
    <message>
        <source>Export to {name}</source>
        <translation>Eksport til {name}</translation>
    </message>
    <message>
        <source>Nothing was written: {reason}</source>
        <translation>Intet blev skrevet: {reason}</translation>
    </message>
    <message>
        <source>&lt;b&gt;The export was stopped: {n} real name(s) would still be in it. Nothing was written.&lt;/b&gt;&lt;br&gt;These words are names from the roster or names replaced elsewhere, left as written here. Go to the names review to replace them (or reject them if they are not names), then export again — or export anyway if you are sure they may stay.</source>
        <translation>&lt;b&gt;Eksporten blev stoppet: den ville stadig indeholde rigtige navne ({n}). Intet blev skrevet.&lt;/b&gt;&lt;br&gt;Ordene er navne fra deltagerlisten eller navne, der er erstattet andre steder, men som står uændret her. Gå til navnegennemgangen for at erstatte dem (eller afvis dem, hvis de ikke er navne), og eksportér så igen — eller eksportér alligevel, hvis du er sikker på, at de må blive stående.</translation>
    </message>
    <message>
        <source>appendix line</source>
        <translation>bilagslinje</translation>
    </message>
    <message>
        <source>line of the exported file</source>
        <translation>linje i den eksporterede fil</translation>
    </message>
    <message>
        <source>Tables</source>
        <translation>Tabeller</translation>
    </message>
    <message>
        <source>Wrote {path}: the informant table by code (no real names) and the appendix overview.</source>
        <translation>Skrev {path}: informantoversigten med koder (ingen rigtige navne) og bilagsoversigten.</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <source>Recordings ({patterns});;All files (*)</source>
        <translation>Optagelser ({patterns});;Alle filer (*)</translation>
    </message>
    <message>
        <source>Typed transcripts (*.txt *.docx);;All files (*)</source>
        <translation>Skrevne transskriptioner (*.txt *.docx);;Alle filer (*)</translation>
    </message>
    <message>
        <source>Transkript projects (*{suffix});;All files (*)</source>
        <translation>Transkript-projekter (*{suffix});;Alle filer (*)</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find</source>
        <translation>Søg</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>Erstat med</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>Forskel på store og små bogstaver</translation>
    </message>
    <message>
        <source>Whole words</source>
        <translation>Hele ord</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Forrige</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Næste</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Erstat</translation>
    </message>
    <message>
        <source>Replace all</source>
        <translation>Erstat alle</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Luk (Esc)</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>Ingen fund</translation>
    </message>
    <message>
        <source>{0} matches</source>
        <translation>{0} fund</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0} af {1}</translation>
    </message>
</context>
<context>
    <name>IndirectPage</name>
    <message>
        <source>Positions and titles</source>
        <translation>Stillinger og titler</translation>
    </message>
    <message>
        <source>Workplaces and units</source>
        <translation>Arbejdspladser og enheder</translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation>Organisationer</translation>
    </message>
    <message>
        <source>Ages and birth years</source>
        <translation>Aldre og fødselsår</translation>
    </message>
    <message>
        <source>Years and dates</source>
        <translation>Årstal og datoer</translation>
    </message>
    <message>
        <source>Small places</source>
        <translation>Små steder</translation>
    </message>
    <message>
        <source>Relations with a name</source>
        <translation>Familierelationer med navn</translation>
    </message>
    <message>
        <source>Words that point to a person without a name. The appendix keeps what you have not decided about; the archive copy generalises everything. Select an item, or a kind for all its items:</source>
        <translation>Ord, der peger på en person uden at nævne et navn. Bilaget bevarer det, du ikke har taget stilling til; arkivkopien generaliserer alt. Vælg et ord, eller en slags for alle dens ord:</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>Ord</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>Antal</translation>
    </message>
    <message>
        <source>Becomes</source>
        <translation>Bliver til</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Hvor</translation>
    </message>
    <message>
        <source>Generalise…</source>
        <translation>Generalisér…</translation>
    </message>
    <message>
        <source>Put a category label in its place everywhere, e.g. [leder i kommunal forvaltning]</source>
        <translation>Sæt en kategori i stedet alle steder, fx [leder i kommunal forvaltning]</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Bevar</translation>
    </message>
    <message>
        <source>Keep the words as they are (the archive copy still generalises)</source>
        <translation>Bevar ordene, som de står (arkivkopien generaliserer dem alligevel)</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Fjern</translation>
    </message>
    <message>
        <source>Leave the words out: […]</source>
        <translation>Udelad ordene: […]</translation>
    </message>
    <message>
        <source>An identifier the lists missed, as it is written</source>
        <translation>En identifikator, som listerne overså, skrevet som i teksten</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Tilføj</translation>
    </message>
    <message>
        <source>Indirect identifiers ({n})</source>
        <translation>Indirekte identifikatorer ({n})</translation>
    </message>
    <message>
        <source>item by item</source>
        <translation>ord for ord</translation>
    </message>
    <message>
        <source>{n} different words. Selected, Generalise, Keep and Remove decide for all of them that have no decision of their own.</source>
        <translation>{n} forskellige ord. Når slagsen er valgt, gælder Generalisér, Bevar og Fjern for alle de ord, der ikke har deres egen beslutning.</translation>
    </message>
    <message>
        <source>turn {n}, {speaker}</source>
        <translation>taletur {n}, {speaker}</translation>
    </message>
    <message>
        <source>turn {n}</source>
        <translation>taletur {n}</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>bevares</translation>
    </message>
    <message>
        <source>removed {mark}</source>
        <translation>fjernes {mark}</translation>
    </message>
    <message>
        <source>the list of Danish titles</source>
        <translation>listen over danske titler</translation>
    </message>
    <message>
        <source>the list of workplaces and organisations</source>
        <translation>listen over arbejdspladser og organisationer</translation>
    </message>
    <message>
        <source>the list of municipalities</source>
        <translation>listen over kommuner</translation>
    </message>
    <message>
        <source>the roster (a position or area)</source>
        <translation>deltagerlisten (en stilling eller et område)</translation>
    </message>
    <message>
        <source>your additions</source>
        <translation>dine tilføjelser</translation>
    </message>
    <message>
        <source>a pattern (ages, years, streets, schools, relations)</source>
        <translation>et mønster (aldre, årstal, gader, skoler, familierelationer)</translation>
    </message>
    <message>
        <source>Found by {source}.</source>
        <translation>Fundet af {source}.</translation>
    </message>
    <message>
        <source>Proposed label: {label}</source>
        <translation>Foreslået kategori: {label}</translation>
    </message>
    <message>
        <source>You decided about these words.</source>
        <translation>Du har besluttet, hvad der sker med disse ord.</translation>
    </message>
    <message>
        <source>Your decision about the whole kind holds for it.</source>
        <translation>Din beslutning om hele slagsen gælder for det.</translation>
    </message>
    <message>
        <source>Not decided yet: the appendix keeps it.</source>
        <translation>Ikke besluttet endnu: bilaget bevarer det.</translation>
    </message>
    <message>
        <source>The archive copy puts: {text}</source>
        <translation>Arkivkopien skriver: {text}</translation>
    </message>
    <message>
        <source>Keep {words}</source>
        <translation>Bevar {words}</translation>
    </message>
    <message>
        <source>Remove {words}</source>
        <translation>Fjern {words}</translation>
    </message>
    <message>
        <source>Generalise</source>
        <translation>Generalisér</translation>
    </message>
    <message>
        <source>What should stand instead of {what}?</source>
        <translation>Hvad skal der stå i stedet for {what}?</translation>
    </message>
    <message>
        <source>Generalise {what} as {label}</source>
        <translation>Generalisér {what} som {label}</translation>
    </message>
    <message>
        <source>Add {words} ({kind})</source>
        <translation>Tilføj {words} ({kind})</translation>
    </message>
    <message>
        <source>Show in the editor</source>
        <translation>Vis i editoren</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Filer</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Rediger</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Vis</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hjælp</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Åbn &amp;seneste</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>S&amp;prog</translation>
    </message>
    <message>
        <source>&amp;New Project…</source>
        <translation>&amp;Nyt projekt…</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Åbn…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Gem</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Gem &amp;som…</translation>
    </message>
    <message>
        <source>&amp;Close Project</source>
        <translation>&amp;Luk projekt</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Afslut</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Fortryd</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Gentag</translation>
    </message>
    <message>
        <source>Keyboard &amp;Shortcuts</source>
        <translation>&amp;Tastaturgenveje</translation>
    </message>
    <message>
        <source>&amp;About Transkript</source>
        <translation>&amp;Om Transkript</translation>
    </message>
    <message>
        <source>As the System</source>
        <translation>Som systemet</translation>
    </message>
    <message>
        <source>Transcription</source>
        <translation>Transskription</translation>
    </message>
    <message>
        <source>Roster</source>
        <translation>Deltagere</translation>
    </message>
    <message>
        <source>Open a project</source>
        <translation>Åbn et projekt</translation>
    </message>
    <message>
        <source>The transcription of this project stopped before the end; Resume continues it.</source>
        <translation>Transskriptionen af dette projekt stoppede før tid; Genoptag fortsætter den.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Åbn</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>&amp;Afspil</translation>
    </message>
    <message>
        <source>&amp;Methods Paragraph…</source>
        <translation>&amp;Metodeafsnit…</translation>
    </message>
    <message>
        <source>The project file {path} was not found.</source>
        <translation>Projektfilen {path} blev ikke fundet.</translation>
    </message>
    <message>
        <source>{problem}

The previous version of the project (as it was before it was last opened or changed by a command) is intact. Open it? The damaged file is kept beside it as {name}.damaged.</source>
        <translation>{problem}

Den forrige version af projektet (som det var, før det sidst blev åbnet eller ændret af en kommando) er intakt. Vil du åbne den? Den beskadigede fil gemmes ved siden af som {name}.damaged.</translation>
    </message>
    <message>
        <source>Opened the previous version; the damaged file is kept as {name}.</source>
        <translation>Den forrige version er åbnet; den beskadigede fil er gemt som {name}.</translation>
    </message>
    <message>
        <source>Save the project as</source>
        <translation>Gem projektet som</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>Gem som</translation>
    </message>
    <message>
        <source>Transcription running</source>
        <translation>Transskription i gang</translation>
    </message>
    <message>
        <source>A transcription is running. Stop it? What was done is saved, and Resume continues it later.</source>
        <translation>En transskription er i gang. Vil du stoppe den? Det færdige er gemt, og Genoptag fortsætter den senere.</translation>
    </message>
    <message>
        <source>the project has no file yet</source>
        <translation>projektet har endnu ingen fil</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ikke-gemte ændringer</translation>
    </message>
    <message>
        <source>The latest changes to “{title}” are not saved: {reason}</source>
        <translation>De seneste ændringer i “{title}” er ikke gemt: {reason}</translation>
    </message>
    <message>
        <source>the project</source>
        <translation>projektet</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>Gem som…</translation>
    </message>
    <message>
        <source>Discard Changes</source>
        <translation>Kassér ændringer</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Fortryd</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Gentag</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Vindue</translation>
    </message>
    <message>
        <source>Editor</source>
        <translation>Redigering</translation>
    </message>
    <message>
        <source>About Transkript</source>
        <translation>Om Transkript</translation>
    </message>
    <message>
        <source>&lt;b&gt;Transkript&lt;/b&gt; {version}&lt;br&gt;Citable, pseudonymised transcripts of research interviews. Everything happens on this computer: recordings and transcripts never leave it.</source>
        <translation>&lt;b&gt;Transkript&lt;/b&gt; {version}&lt;br&gt;Citérbare, pseudonymiserede transskriptioner af forskningsinterview. Alt foregår på denne computer: optagelser og transskriptioner forlader den aldrig.</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(ingen endnu)</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Uden titel</translation>
    </message>
    <message>
        <source>Read-only: open in another window or command</source>
        <translation>Kun til læsning: åben i et andet vindue eller en anden kommando</translation>
    </message>
    <message>
        <source>Transcribing: the project is saved as the words come</source>
        <translation>Transskriberer: projektet gemmes, efterhånden som ordene kommer</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Ikke gemt: {reason}</translation>
    </message>
    <message>
        <source>Saving shortly…</source>
        <translation>Gemmer om et øjeblik…</translation>
    </message>
    <message>
        <source>All changes saved</source>
        <translation>Alle ændringer er gemt</translation>
    </message>
    <message>
        <source>Could not save: {reason}</source>
        <translation>Kunne ikke gemme: {reason}</translation>
    </message>
</context>
<context>
    <name>MethodsDialog</name>
    <message>
        <source>Methods paragraph</source>
        <translation>Metodeafsnit</translation>
    </message>
    <message>
        <source>A paragraph for your method chapter about how the transcripts were made. It states only what the projects record (models, settings, conventions, corrections, pseudonymisation, line numbers); read it through and add what only you know.</source>
        <translation>Et afsnit til metodekapitlet om, hvordan transskriptionerne er lavet. Det siger kun det, projekterne har registreret (modeller, indstillinger, konventioner, rettelser, pseudonymisering, linjenumre); læs det igennem, og tilføj det, kun du ved.</translation>
    </message>
    <message>
        <source>&amp;Language of the paragraph:</source>
        <translation>Afsnittets &amp;sprog:</translation>
    </message>
    <message>
        <source>All {count} projects in this folder</source>
        <translation>Alle {count} projekter i denne mappe</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopiér</translation>
    </message>
    <message>
        <source>Left out (could not be read): {names}</source>
        <translation>Udeladt (kunne ikke læses): {names}</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopieret</translation>
    </message>
</context>
<context>
    <name>ModelChoice</name>
    <message>
        <source>no Danish figure published</source>
        <translation>intet dansk tal offentliggjort</translation>
    </message>
    <message>
        <source>WER {wer} % ({dataset})</source>
        <translation>{wer} % ordfejl ({dataset})</translation>
    </message>
    <message>
        <source>commercial use allowed</source>
        <translation>kommerciel brug tilladt</translation>
    </message>
    <message>
        <source>NOT for commercial use</source>
        <translation>IKKE til kommerciel brug</translation>
    </message>
    <message>
        <source>commercial use on its conditions</source>
        <translation>kommerciel brug på licensens betingelser</translation>
    </message>
    <message>
        <source>read its licence on the model card</source>
        <translation>læs licensen på modellens side</translation>
    </message>
    <message>
        <source>size not recorded</source>
        <translation>størrelse ikke oplyst</translation>
    </message>
    <message>
        <source>{size} GB</source>
        <translation>{size} GB</translation>
    </message>
    <message>
        <source>{size} MB</source>
        <translation>{size} MB</translation>
    </message>
    <message>
        <source>The measurement could not start.</source>
        <translation>Målingen kunne ikke startes.</translation>
    </message>
</context>
<context>
    <name>NamesPanel</name>
    <message>
        <source>Also replace:</source>
        <translation>Erstat også:</translation>
    </message>
    <message>
        <source>places and municipalities</source>
        <translation>steder og kommuner</translation>
    </message>
    <message>
        <source>organisations</source>
        <translation>organisationer</translation>
    </message>
    <message>
        <source>Extra name finder:</source>
        <translation>Ekstra navnegenkendelse:</translation>
    </message>
    <message>
        <source>none (name lists only)</source>
        <translation>ingen (kun navnelister)</translation>
    </message>
    <message>
        <source>A Danish language model installed on this computer</source>
        <translation>En dansk sprogmodel, der er installeret på denne computer</translation>
    </message>
    <message>
        <source>A name the lists missed, as it is written</source>
        <translation>Et navn, som listerne overså, skrevet som i teksten</translation>
    </message>
    <message>
        <source>person</source>
        <translation>person</translation>
    </message>
    <message>
        <source>place</source>
        <translation>sted</translation>
    </message>
    <message>
        <source>organisation</source>
        <translation>organisation</translation>
    </message>
    <message>
        <source>not on the roster</source>
        <translation>ikke på listen</translation>
    </message>
    <message>
        <source>Who the name is: a person on the roster gets their code everywhere</source>
        <translation>Hvem navnet er: en person på deltagerlisten får sin kode overalt</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Tilføj</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>Antal</translation>
    </message>
    <message>
        <source>Becomes</source>
        <translation>Bliver til</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Hvor</translation>
    </message>
    <message>
        <source>Word</source>
        <translation>Ord</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Godkend</translation>
    </message>
    <message>
        <source>Replace it: a name, as the list says</source>
        <translation>Erstat det: et navn, som listen siger</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Afvis</translation>
    </message>
    <message>
        <source>Not a name (or not one to replace): keep the words</source>
        <translation>Ikke et navn (eller ikke et, der skal erstattes): bevar ordene</translation>
    </message>
    <message>
        <source>Someone else</source>
        <translation>En anden</translation>
    </message>
    <message>
        <source>Not the person the list suggests: a person of their own ([Person N])</source>
        <translation>Ikke den person, listen foreslår: en person for sig ([Person N])</translation>
    </message>
    <message>
        <source>Accept all</source>
        <translation>Godkend alle</translation>
    </message>
    <message>
        <source>Accept every name still waiting for review</source>
        <translation>Godkend alle navne, der stadig venter på gennemsyn</translation>
    </message>
    <message>
        <source>Keep as written</source>
        <translation>Bevar som skrevet</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Erstat</translation>
    </message>
    <message>
        <source>Add as person</source>
        <translation>Tilføj som person</translation>
    </message>
    <message>
        <source>Add as place</source>
        <translation>Tilføj som sted</translation>
    </message>
    <message>
        <source>Add as organisation</source>
        <translation>Tilføj som organisation</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ignorér</translation>
    </message>
    <message>
        <source>Not a name: take it off the list</source>
        <translation>Ikke et navn: fjern det fra listen</translation>
    </message>
    <message>
        <source>Preview of the pseudonymised text (replaced names in green, names to review in orange):</source>
        <translation>Forhåndsvisning af den pseudonymiserede tekst (erstattede navne i grønt, navne til gennemsyn i orange):</translation>
    </message>
    <message>
        <source>Key file — links the codes to the real names; written with every pseudonymised export. Keep it apart from the transcripts you share:</source>
        <translation>Nøglefil — forbinder koderne med de rigtige navne; skrives ved hver pseudonymiseret eksport. Opbevar den adskilt fra de transskriptioner, du deler:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Gennemse…</translation>
    </message>
    <message>
        <source>There is no transcript yet: names are looked for once there is text.</source>
        <translation>Der er endnu ingen transskription: der søges efter navne, når der er tekst.</translation>
    </message>
    <message>
        <source>{name} (who?)</source>
        <translation>{name} (hvem?)</translation>
    </message>
    <message>
        <source>{name} — is it {person}?</source>
        <translation>{name} — er det {person}?</translation>
    </message>
    <message>
        <source>turn {n}, {speaker}</source>
        <translation>taletur {n}, {speaker}</translation>
    </message>
    <message>
        <source>turn {n}</source>
        <translation>taletur {n}</translation>
    </message>
    <message>
        <source>still in the text: fix it</source>
        <translation>står stadig i teksten: ret det</translation>
    </message>
    <message>
        <source>The leak check would stop a pseudonymised export on “{found}” ({name}). Accept makes it a person of their own; the menu links it to a person on the roster.</source>
        <translation>Lækagekontrollen ville standse en pseudonymiseret eksport på “{found}” ({name}). Godkend gør det til en person for sig; menuen knytter det til en person på deltagerlisten.</translation>
    </message>
    <message>
        <source>line {n}</source>
        <translation>linje {n}</translation>
    </message>
    <message>
        <source>{label} if accepted</source>
        <translation>{label}, hvis godkendt</translation>
    </message>
    <message>
        <source>kept as written</source>
        <translation>bevares som skrevet</translation>
    </message>
    <message>
        <source>A lone name that fits {person} on the roster. Accept links every occurrence to them; “Someone else” makes it a person of their own. Mark the person “addressed by first name” in the roster to link their first name without asking.</source>
        <translation>Et enkeltstående navn, der passer på {person} på deltagerlisten. Godkend knytter alle forekomster til personen; “En anden” gør det til en person for sig. Markér personen “tiltales ved fornavn” på deltagerlisten for at knytte fornavnet uden at spørge.</translation>
    </message>
    <message>
        <source>Could be: {people}</source>
        <translation>Kan være: {people}</translation>
    </message>
    <message>
        <source>Found by: {rule}</source>
        <translation>Fundet ved: {rule}</translation>
    </message>
    <message>
        <source>Score {score:.2f} ({source})</source>
        <translation>Score {score:.2f} ({source})</translation>
    </message>
    <message>
        <source>You accepted it.</source>
        <translation>Du har godkendt det.</translation>
    </message>
    <message>
        <source>You rejected it.</source>
        <translation>Du har afvist det.</translation>
    </message>
    <message>
        <source>Places and organisations are kept unless you switch them on above.</source>
        <translation>Steder og organisationer bevares, medmindre du slår dem til ovenfor.</translation>
    </message>
    <message>
        <source>To review ({n})</source>
        <translation>Til gennemsyn ({n})</translation>
    </message>
    <message>
        <source>Replaced ({n})</source>
        <translation>Erstattes ({n})</translation>
    </message>
    <message>
        <source>Not replaced ({n})</source>
        <translation>Erstattes ikke ({n})</translation>
    </message>
    <message>
        <source>Leftovers ({n})</source>
        <translation>Øvrige ord ({n})</translation>
    </message>
    <message>
        <source>No project is open.</source>
        <translation>Intet projekt er åbent.</translation>
    </message>
    <message>
        <source>Looking for names…</source>
        <translation>Leder efter navne…</translation>
    </message>
    <message>
        <source>Every detection is reviewed.</source>
        <translation>Alle fund er gennemset.</translation>
    </message>
    <message>
        <source>Add {name} as {person}</source>
        <translation>Tilføj {name} som {person}</translation>
    </message>
    <message>
        <source>Someone else: a person of their own</source>
        <translation>En anden: en person for sig</translation>
    </message>
    <message>
        <source>Link to…</source>
        <translation>Knyt til…</translation>
    </message>
    <message>
        <source>Accept {names}</source>
        <translation>Godkend {names}</translation>
    </message>
    <message>
        <source>Reject {names}</source>
        <translation>Afvis {names}</translation>
    </message>
    <message>
        <source>Accept all names to review</source>
        <translation>Godkend alle navne til gennemsyn</translation>
    </message>
    <message>
        <source>{replaced} ({people}); {review}; {leftovers}.</source>
        <translation>{replaced} ({people}); {review}; {leftovers}.</translation>
    </message>
    <message numerus="yes">
        <source>%n name(s) will be replaced</source>
        <translation>
            <numerusform>%n navn bliver erstattet</numerusform>
            <numerusform>%n navne bliver erstattet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n people, places or organisations</source>
        <translation>
            <numerusform>%n person, sted eller organisation</numerusform>
            <numerusform>%n personer, steder eller organisationer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n wait(s) for your review</source>
        <translation>
            <numerusform>%n venter på dit gennemsyn</numerusform>
            <numerusform>%n venter på dit gennemsyn</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n leftover word(s) to look at</source>
        <translation>
            <numerusform>%n øvrigt ord at se på</numerusform>
            <numerusform>%n øvrige ord at se på</numerusform>
        </translation>
    </message>
    <message>
        <source>Add {name}</source>
        <translation>Tilføj {name}</translation>
    </message>
    <message>
        <source>Dismiss {name}</source>
        <translation>Ignorér {name}</translation>
    </message>
    <message>
        <source>{name} is the same person as {other}</source>
        <translation>{name} er samme person som {other}</translation>
    </message>
    <message>
        <source>{words} is {name}</source>
        <translation>{words} er {name}</translation>
    </message>
    <message>
        <source>{words} is a person of their own</source>
        <translation>{words} er en person for sig</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>Erstat med</translation>
    </message>
    <message>
        <source>What should stand instead of “{name}”?</source>
        <translation>Hvad skal der stå i stedet for “{name}”?</translation>
    </message>
    <message>
        <source>Replace {name} with {other}</source>
        <translation>Erstat {name} med {other}</translation>
    </message>
    <message>
        <source>Change what is pseudonymised</source>
        <translation>Ændr, hvad der pseudonymiseres</translation>
    </message>
    <message>
        <source>Accept every “{name}” here</source>
        <translation>Godkend alle “{name}” her</translation>
    </message>
    <message>
        <source>Reject every “{name}” here</source>
        <translation>Afvis alle “{name}” her</translation>
    </message>
    <message>
        <source>Same person as…</source>
        <translation>Samme person som…</translation>
    </message>
    <message>
        <source>All of them are…</source>
        <translation>De er alle…</translation>
    </message>
    <message>
        <source>Replace with a name of my choosing…</source>
        <translation>Erstat med et navn, jeg selv vælger…</translation>
    </message>
    <message>
        <source>Accept this one</source>
        <translation>Godkend denne</translation>
    </message>
    <message>
        <source>Reject this one</source>
        <translation>Afvis denne</translation>
    </message>
    <message>
        <source>This one is…</source>
        <translation>Denne er…</translation>
    </message>
    <message>
        <source>Show in the editor</source>
        <translation>Vis i editoren</translation>
    </message>
    <message>
        <source>A person of their own</source>
        <translation>En person for sig</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>Nøglefil</translation>
    </message>
    <message>
        <source>Key files (*.json);;All files (*)</source>
        <translation>Nøglefiler (*.json);;Alle filer (*)</translation>
    </message>
</context>
<context>
    <name>NewProjectDialog</name>
    <message>
        <source>New project</source>
        <translation>Nyt projekt</translation>
    </message>
    <message>
        <source>From a recording (transcribe it)</source>
        <translation>Fra en optagelse (transskribér den)</translation>
    </message>
    <message>
        <source>From a typed transcript (.txt or .docx)</source>
        <translation>Fra en skrevet transskription (.txt eller .docx)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Vælg…</translation>
    </message>
    <message>
        <source>Elite interview (one informant)</source>
        <translation>Eliteinterview (én informant)</translation>
    </message>
    <message>
        <source>Focus group</source>
        <translation>Fokusgruppe</translation>
    </message>
    <message>
        <source>Known:</source>
        <translation>Kendt:</translation>
    </message>
    <message>
        <source>none</source>
        <translation>intet</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Skift…</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Opret</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fil</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Date of the interview</source>
        <translation>Dato for interviewet</translation>
    </message>
    <message>
        <source>Appendix number (Bilag)</source>
        <translation>Bilagsnummer</translation>
    </message>
    <message>
        <source>Project file</source>
        <translation>Projektfil</translation>
    </message>
    <message>
        <source>Choose the recording</source>
        <translation>Vælg optagelsen</translation>
    </message>
    <message>
        <source>Choose the typed transcript</source>
        <translation>Vælg den skrevne transskription</translation>
    </message>
    <message>
        <source>Save the project as</source>
        <translation>Gem projektet som</translation>
    </message>
    <message>
        <source>Choose a recording or a typed transcript that exists.</source>
        <translation>Vælg en optagelse eller en skrevet transskription, der findes.</translation>
    </message>
    <message>
        <source>Choose where the project file goes.</source>
        <translation>Vælg, hvor projektfilen skal ligge.</translation>
    </message>
    <message>
        <source>A project file with this name exists already; open it, or choose another name.</source>
        <translation>Der findes allerede en projektfil med dette navn; åbn den, eller vælg et andet navn.</translation>
    </message>
</context>
<context>
    <name>PlainTranscriptView</name>
    <message>
        <source>Read-only view of the transcript.</source>
        <translation>Skrivebeskyttet visning af transskriptionen.</translation>
    </message>
</context>
<context>
    <name>Player</name>
    <message>
        <source>Audio playback is not available on this computer ({0}).</source>
        <translation>Lydafspilning er ikke tilgængelig på denne computer ({0}).</translation>
    </message>
    <message>
        <source>The recording {0} was not found.</source>
        <translation>Optagelsen {0} blev ikke fundet.</translation>
    </message>
    <message>
        <source>The recording cannot be played: {0}</source>
        <translation>Optagelsen kan ikke afspilles: {0}</translation>
    </message>
</context>
<context>
    <name>ProjectSession</name>
    <message>
        <source>Another window or command took over {name} while it was open here (its lock had been left too long), so this window saves nothing more to it. Use Save As to keep your latest changes in another file.</source>
        <translation>Et andet vindue eller en anden kommando overtog {name}, mens projektet var åbent her (dets lås havde ligget for længe), så dette vindue gemmer ikke mere i det. Brug Gem som for at beholde dine seneste ændringer i en anden fil.</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Søg i:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Fil&amp;type:</translation>
    </message>
</context>
<context>
    <name>QueueBar</name>
    <message>
        <source>Every interview of the study is transcribed; nothing to queue.</source>
        <translation>Alle undersøgelsens interview er transskriberet; der er intet at sætte i kø.</translation>
    </message>
    <message>
        <source>“{name}” was skipped: it is open in the editor or being written by another program. Transcribe it there, or close it and queue it again.</source>
        <translation>“{name}” blev sprunget over: det er åbent i editoren eller ved at blive skrevet af et andet program. Transskribér det dér, eller luk det og sæt det i kø igen.</translation>
    </message>
    <message>
        <source>“{name}” could not be transcribed: {reason}</source>
        <translation>“{name}” kunne ikke transskriberes: {reason}</translation>
    </message>
    <message>
        <source>Transcribing {running}: {done} of {total} interviews ended · {eta}.</source>
        <translation>Transskriberer {running}: {done} af {total} interview afsluttet · {eta}.</translation>
    </message>
    <message>
        <source>Starting the queue…</source>
        <translation>Starter køen…</translation>
    </message>
    <message>
        <source>Pausing after the interview being transcribed…</source>
        <translation>Holder pause efter det interview, der transskriberes nu…</translation>
    </message>
    <message>
        <source>Stopping; the interview being transcribed saves what it has…</source>
        <translation>Stopper; det interview, der transskriberes nu, gemmer det, der er gjort…</translation>
    </message>
    <message numerus="yes">
        <source>%n interview(s) wait in the queue left last time. Resume continues it.</source>
        <translation>
            <numerusform>%n interview venter i køen fra sidst. Genoptag fortsætter den.</numerusform>
            <numerusform>%n interview venter i køen fra sidst. Genoptag fortsætter den.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Paused: %n interview(s) wait in the queue. Resume continues it.</source>
        <translation>
            <numerusform>På pause: %n interview venter i køen. Genoptag fortsætter den.</numerusform>
            <numerusform>På pause: %n interview venter i køen. Genoptag fortsætter den.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The queue is done: %n interview(s) transcribed.</source>
        <translation>
            <numerusform>Køen er færdig: %n interview transskriberet.</numerusform>
            <numerusform>Køen er færdig: %n interview transskriberet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Transcribe All</source>
        <translation>Transskribér alle</translation>
    </message>
    <message>
        <source>Queue every interview of the study not transcribed yet, with the study&apos;s settings</source>
        <translation>Sæt alle undersøgelsens interview, der ikke er transskriberet endnu, i kø med undersøgelsens indstillinger</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Stop the queue after the interview being transcribed</source>
        <translation>Stop køen efter det interview, der transskriberes nu</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Genoptag</translation>
    </message>
    <message>
        <source>Go on with the interviews still in the queue</source>
        <translation>Fortsæt med de interview, der stadig står i køen</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Stop now: the interview being transcribed saves what it has; Resume continues it</source>
        <translation>Stop nu: det interview, der transskriberes, gemmer det, der er gjort; Genoptag fortsætter det</translation>
    </message>
</context>
<context>
    <name>ReadOnlyBanner</name>
    <message>
        <source>&lt;b&gt;Open elsewhere – read-only here.&lt;/b&gt; {reason}&lt;br&gt;You can read the transcript here, but not change or save it, so that neither window loses the other&apos;s work.</source>
        <translation>&lt;b&gt;Åben et andet sted – kun til læsning her.&lt;/b&gt; {reason}&lt;br&gt;Du kan læse transskriptionen her, men ikke ændre eller gemme den, så intet af det ene vindues arbejde går tabt i det andet.</translation>
    </message>
    <message>
        <source>Try Again</source>
        <translation>Prøv igen</translation>
    </message>
</context>
<context>
    <name>ResearchPanels</name>
    <message>
        <source>Window</source>
        <translation>Vindue</translation>
    </message>
    <message>
        <source>Names</source>
        <translation>Navne</translation>
    </message>
    <message>
        <source>Cite</source>
        <translation>Citér</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Eksportér…</translation>
    </message>
</context>
<context>
    <name>RosterPanel</name>
    <message>
        <source>informant</source>
        <translation>informant</translation>
    </message>
    <message>
        <source>interviewer</source>
        <translation>interviewer</translation>
    </message>
    <message>
        <source>organisation</source>
        <translation>organisation</translation>
    </message>
    <message>
        <source>other</source>
        <translation>anden</translation>
    </message>
    <message>
        <source>Add person</source>
        <translation>Tilføj person</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Fjern</translation>
    </message>
    <message>
        <source>Suggest codes</source>
        <translation>Foreslå koder</translation>
    </message>
    <message>
        <source>Give everyone without a code their initials (Vibeke Jensen → VJ)</source>
        <translation>Giv alle uden kode deres initialer (Vibeke Jensen → VJ)</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importér…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Eksportér…</translation>
    </message>
    <message>
        <source>Speakers in the transcript: choose who each voice is</source>
        <translation>Talere i transskriptionen: vælg, hvem hver stemme er</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Taler</translation>
    </message>
    <message>
        <source>Talk time</source>
        <translation>Taletid</translation>
    </message>
    <message>
        <source>Turns</source>
        <translation>Taleture</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Kode</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Other names</source>
        <translation>Andre navne</translation>
    </message>
    <message>
        <source>By first name</source>
        <translation>Ved fornavn</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Stilling</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Område</translation>
    </message>
    <message>
        <source>Tick when the talk calls this person by their first name: a lone first name is then replaced with their code without asking. Otherwise it waits in the names review, since it may be someone else of that name.</source>
        <translation>Sæt flueben, når samtalen kalder personen ved fornavn: et enkeltstående fornavn erstattes så med personens kode uden at spørge. Ellers venter det i navnegennemgangen, for det kan være en anden med samme navn.</translation>
    </message>
    <message>
        <source>a new person</source>
        <translation>en ny person</translation>
    </message>
    <message>
        <source>Change {what} of {who}</source>
        <translation>Ændr {what} for {who}</translation>
    </message>
    <message>
        <source>{code} is already the code of {who}; each person needs their own code.</source>
        <translation>{code} er allerede koden for {who}; hver person skal have sin egen kode.</translation>
    </message>
    <message>
        <source>Remove {who}</source>
        <translation>Fjern {who}</translation>
    </message>
    <message>
        <source>Everyone with a name has a code already.</source>
        <translation>Alle med et navn har allerede en kode.</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>ingen</translation>
    </message>
    <message>
        <source>{label} is {who}</source>
        <translation>{label} er {who}</translation>
    </message>
    <message>
        <source>Import a roster</source>
        <translation>Importér en deltagerliste</translation>
    </message>
    <message>
        <source>Rosters (*.csv *.tsv *.json);;All files (*)</source>
        <translation>Deltagerlister (*.csv *.tsv *.json);;Alle filer (*)</translation>
    </message>
    <message>
        <source>Import roster</source>
        <translation>Importér deltagerliste</translation>
    </message>
    <message>
        <source>Export the roster</source>
        <translation>Eksportér deltagerlisten</translation>
    </message>
    <message>
        <source>CSV (*.csv);;JSON (*.json)</source>
        <translation>CSV (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Wrote {path}. It holds real names: keep it apart from the transcripts.</source>
        <translation>Skrev {path}. Den indeholder rigtige navne: opbevar den adskilt fra transskriptionerne.</translation>
    </message>
    <message>
        <source>(nobody in the roster)</source>
        <translation>(ingen på deltagerlisten)</translation>
    </message>
    <message>
        <source>speaker {label}</source>
        <translation>taler {label}</translation>
    </message>
    <message>
        <source>the person coded {code}</source>
        <translation>personen med koden {code}</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastaturgenveje</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Hvor</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Handling</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Taster</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Transcripts of research interviews, made on this computer: the recordings never leave it.</source>
        <translation>Transskriptioner af forskningsinterview, lavet på denne computer: optagelserne forlader den aldrig.</translation>
    </message>
    <message>
        <source>New project…</source>
        <translation>Nyt projekt…</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Åbn…</translation>
    </message>
    <message>
        <source>Or drop a recording, a typed transcript or a project file on this window.</source>
        <translation>Eller træk en optagelse, en skrevet transskription eller en projektfil ind i dette vindue.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Keep the project files safe.&lt;/b&gt; A project file (.transkript.json) and the .bak beside it hold every real name and the verbatim transcript: they are as sensitive as the key. Keep them on an encrypted disk or the storage your university approves, not in e-mail or a cloud service; share only pseudonymised exports, never the project or its .bak.</source>
        <translation>&lt;b&gt;Pas godt på projektfilerne.&lt;/b&gt; En projektfil (.transkript.json) og .bak-filen ved siden af indeholder alle rigtige navne og den ordrette transskription: de er lige så følsomme som nøglen. Opbevar dem på en krypteret disk eller det lager, dit universitet har godkendt, ikke i e-mail eller en skytjeneste; del kun pseudonymiserede eksporter, aldrig projektet eller dets .bak.</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>Seneste projekter</translation>
    </message>
    <message>
        <source>No projects yet. Press New project… and choose a recording (or a typed transcript): Transkript makes a project file beside it, transcribes it on this computer, and opens it here to correct, pseudonymise, cite and export.</source>
        <translation>Ingen projekter endnu. Tryk på Nyt projekt…, og vælg en optagelse (eller en skrevet transskription): Transkript laver en projektfil ved siden af den, transskriberer den på denne computer og åbner den her, så du kan rette, pseudonymisere, citere og eksportere.</translation>
    </message>
    <message>
        <source>{name} (not found)</source>
        <translation>{name} (ikke fundet)</translation>
    </message>
    <message>
        <source>damaged; the previous version can be restored</source>
        <translation>beskadiget; den forrige version kan gendannes</translation>
    </message>
    <message>
        <source>cannot be read</source>
        <translation>kan ikke læses</translation>
    </message>
    <message>
        <source> — transcription interrupted</source>
        <translation> — transskription afbrudt</translation>
    </message>
    <message>
        <source>These transcriptions stopped before the end. What was done is saved.</source>
        <translation>Disse transskriptioner stoppede før tid. Det færdige er gemt.</translation>
    </message>
    <message>
        <source>{title}: stopped at {position} of {total}</source>
        <translation>{title}: stoppede ved {position} af {total}</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Genoptag</translation>
    </message>
</context>
<context>
    <name>StepBar</name>
    <message>
        <source>Transcribe</source>
        <translation>Transskribér</translation>
    </message>
    <message>
        <source>Speakers &amp;&amp; people</source>
        <translation>Talere &amp;&amp; personer</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>Ret</translation>
    </message>
    <message>
        <source>Names</source>
        <translation>Navne</translation>
    </message>
    <message>
        <source>Cite</source>
        <translation>Citér</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Eksportér</translation>
    </message>
    <message>
        <source>Not transcribed yet</source>
        <translation>Ikke transskriberet endnu</translation>
    </message>
    <message>
        <source>Transcribe the recording</source>
        <translation>Transskribér optagelsen</translation>
    </message>
    <message>
        <source>Stopped before the end</source>
        <translation>Stoppet før slutningen</translation>
    </message>
    <message>
        <source>Resume the transcription</source>
        <translation>Genoptag transskriptionen</translation>
    </message>
    <message>
        <source>Segments: {n}</source>
        <translation>Segmenter: {n}</translation>
    </message>
    <message>
        <source>Transcribe again or find the speakers</source>
        <translation>Transskribér igen eller find talerne</translation>
    </message>
    <message>
        <source>No one in the roster yet</source>
        <translation>Ingen på deltagerlisten endnu</translation>
    </message>
    <message>
        <source>Say who speaks and who is mentioned</source>
        <translation>Angiv hvem der taler, og hvem der nævnes</translation>
    </message>
    <message>
        <source>People: {n}</source>
        <translation>Personer: {n}</translation>
    </message>
    <message>
        <source>Edit the roster</source>
        <translation>Redigér deltagerlisten</translation>
    </message>
    <message>
        <source>Nothing to correct yet</source>
        <translation>Intet at rette endnu</translation>
    </message>
    <message>
        <source>Transcribe first</source>
        <translation>Transskribér først</translation>
    </message>
    <message>
        <source>Uncertain words: {n}</source>
        <translation>Usikre ord: {n}</translation>
    </message>
    <message>
        <source>Go to the next uncertain word (F8)</source>
        <translation>Gå til næste usikre ord (F8)</translation>
    </message>
    <message>
        <source>No uncertain words</source>
        <translation>Ingen usikre ord</translation>
    </message>
    <message>
        <source>Read through and correct</source>
        <translation>Læs igennem og ret</translation>
    </message>
    <message>
        <source>Not reviewed yet</source>
        <translation>Ikke gennemgået endnu</translation>
    </message>
    <message>
        <source>Review the names found</source>
        <translation>Gennemgå de fundne navne</translation>
    </message>
    <message>
        <source>Names to review: {n}</source>
        <translation>Navne at gennemgå: {n}</translation>
    </message>
    <message>
        <source>All names reviewed</source>
        <translation>Alle navne gennemgået</translation>
    </message>
    <message>
        <source>Quotes: {n}</source>
        <translation>Citater: {n}</translation>
    </message>
    <message>
        <source>No quotes yet</source>
        <translation>Ingen citater endnu</translation>
    </message>
    <message>
        <source>Find the lines to cite and collect quotes</source>
        <translation>Find linjerne at citere, og saml citater</translation>
    </message>
    <message>
        <source>No appendix yet</source>
        <translation>Intet bilag endnu</translation>
    </message>
    <message>
        <source>Export the appendix</source>
        <translation>Eksportér bilaget</translation>
    </message>
    <message>
        <source>Appendix out of date</source>
        <translation>Bilaget er forældet</translation>
    </message>
    <message>
        <source>Export the appendix again</source>
        <translation>Eksportér bilaget igen</translation>
    </message>
    <message>
        <source>Appendix exported</source>
        <translation>Bilaget er eksporteret</translation>
    </message>
    <message>
        <source>Export again or another format</source>
        <translation>Eksportér igen eller i et andet format</translation>
    </message>
</context>
<context>
    <name>StudyPanel</name>
    <message>
        <source>Open a study folder</source>
        <translation>Åbn en undersøgelsesmappe</translation>
    </message>
    <message>
        <source>Open Study</source>
        <translation>Åbn undersøgelse</translation>
    </message>
    <message>
        <source>The queue is transcribing the interviews of “{title}”. Pause or stop it before you open another study.</source>
        <translation>Køen transskriberer interviewene i “{title}”. Sæt den på pause eller stop den, før du åbner en anden undersøgelse.</translation>
    </message>
    <message>
        <source>“{folder}” is not a study: it has no {file}. Make one with “transcribe-app study init”.</source>
        <translation>“{folder}” er ikke en undersøgelse: den har ingen {file}. Opret en med “transcribe-app study init”.</translation>
    </message>
    <message>
        <source>Open S&amp;tudy…</source>
        <translation>Åbn &amp;undersøgelse…</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>Undersøgelse</translation>
    </message>
</context>
<context>
    <name>StudyView</name>
    <message>
        <source>Study</source>
        <translation>Undersøgelse</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}&lt;/b&gt; — {folder}</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt; — {folder}</translation>
    </message>
    <message>
        <source>reviewed</source>
        <translation>gennemgået</translation>
    </message>
    <message>
        <source>to review</source>
        <translation>skal gennemgås</translation>
    </message>
    <message>
        <source>focus group</source>
        <translation>fokusgruppe</translation>
    </message>
    <message>
        <source>elite</source>
        <translation>eliteinterview</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>i kø</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>mangler</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>beskadiget</translation>
    </message>
    <message>
        <source>not transcribed</source>
        <translation>ikke transskriberet</translation>
    </message>
    <message>
        <source>transcribing</source>
        <translation>transskriberes</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>afbrudt</translation>
    </message>
    <message>
        <source>transcribed</source>
        <translation>transskriberet</translation>
    </message>
    <message>
        <source>exported</source>
        <translation>eksporteret</translation>
    </message>
    <message>
        <source>up to date</source>
        <translation>ajour</translation>
    </message>
    <message>
        <source>changed since export</source>
        <translation>ændret siden eksport</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Opdatér</translation>
    </message>
    <message>
        <source>Read the study and its interviews again</source>
        <translation>Læs undersøgelsen og dens interview igen</translation>
    </message>
    <message>
        <source>Interviews</source>
        <translation>Interview</translation>
    </message>
    <message>
        <source>Roster</source>
        <translation>Deltagere</translation>
    </message>
    <message>
        <source>Appendix</source>
        <translation>Bilag</translation>
    </message>
    <message>
        <source>Interview</source>
        <translation>Interview</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Corrected</source>
        <translation>Rettet</translation>
    </message>
    <message>
        <source>Names</source>
        <translation>Navne</translation>
    </message>
    <message>
        <source>Appendix export</source>
        <translation>Bilagseksport</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Varighed</translation>
    </message>
    <message>
        <source>Speakers</source>
        <translation>Talere</translation>
    </message>
    <message>
        <source>Double-click an interview to open it</source>
        <translation>Dobbeltklik på et interview for at åbne det</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Kode</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
</context>
<context>
    <name>TalkTimeChart</name>
    <message>
        <source>{0}: {1} in {2} turns, {3} words</source>
        <translation>{0}: {1} på {2} taleture, {3} ord</translation>
    </message>
    <message>
        <source>{0} · {1} turns</source>
        <translation>{0} · {1} taleture</translation>
    </message>
</context>
<context>
    <name>TimelineStrip</name>
    <message>
        <source>Click to play from here · drag to scroll · mouse wheel to zoom</source>
        <translation>Klik for at afspille herfra · træk for at rulle · musehjul for at zoome</translation>
    </message>
    <message>
        <source>Two voices at once, {0}: {1} and {2} speak over each other</source>
        <translation>To stemmer på én gang, {0}: {1} og {2} taler oven i hinanden</translation>
    </message>
    <message>
        <source>Two voices at once, {0}</source>
        <translation>To stemmer på én gang, {0}</translation>
    </message>
</context>
<context>
    <name>TranscriptEditor</name>
    <message>
        <source>Play/pause</source>
        <translation>Afspil/pause</translation>
    </message>
    <message>
        <source>Play from the cursor</source>
        <translation>Afspil fra markøren</translation>
    </message>
    <message>
        <source>Back a few seconds</source>
        <translation>Et par sekunder tilbage</translation>
    </message>
    <message>
        <source>Forward a few seconds</source>
        <translation>Et par sekunder frem</translation>
    </message>
    <message>
        <source>Slower</source>
        <translation>Langsommere</translation>
    </message>
    <message>
        <source>Faster</source>
        <translation>Hurtigere</translation>
    </message>
    <message>
        <source>Normal speed</source>
        <translation>Normal hastighed</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Fortryd</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Gentag</translation>
    </message>
    <message>
        <source>Split turn at the cursor</source>
        <translation>Del taleturen ved markøren</translation>
    </message>
    <message>
        <source>Merge with next turn</source>
        <translation>Slå sammen med næste taletur</translation>
    </message>
    <message>
        <source>Change speaker…</source>
        <translation>Skift taler…</translation>
    </message>
    <message>
        <source>Speaker {0}</source>
        <translation>Taler {0}</translation>
    </message>
    <message>
        <source>Find…</source>
        <translation>Søg…</translation>
    </message>
    <message>
        <source>Replace…</source>
        <translation>Erstat…</translation>
    </message>
    <message>
        <source>Find next</source>
        <translation>Find næste</translation>
    </message>
    <message>
        <source>Find previous</source>
        <translation>Find forrige</translation>
    </message>
    <message>
        <source>Next uncertain word</source>
        <translation>Næste usikre ord</translation>
    </message>
    <message>
        <source>Previous uncertain word</source>
        <translation>Forrige usikre ord</translation>
    </message>
    <message>
        <source>Next overlapping speech</source>
        <translation>Næste overlappende tale</translation>
    </message>
    <message>
        <source>Previous overlapping speech</source>
        <translation>Forrige overlappende tale</translation>
    </message>
    <message>
        <source>Verbatim view</source>
        <translation>Ordret visning</translation>
    </message>
    <message>
        <source>Clean view</source>
        <translation>Renset visning</translation>
    </message>
    <message>
        <source>Strict view</source>
        <translation>Stram visning</translation>
    </message>
    <message>
        <source>Show hidden words</source>
        <translation>Vis skjulte ord</translation>
    </message>
    <message>
        <source>Show pause marks</source>
        <translation>Vis pausemarkeringer</translation>
    </message>
    <message>
        <source>Show talk time per speaker</source>
        <translation>Vis taletid pr. taler</translation>
    </message>
    <message>
        <source>Playback speed (pitch is kept)</source>
        <translation>Afspilningshastighed (tonehøjden bevares)</translation>
    </message>
    <message>
        <source>Speaker of the turn at the cursor</source>
        <translation>Taler for taleturen ved markøren</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Hastighed</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Taler</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>Transskription</translation>
    </message>
    <message>
        <source>Timeline of the recording</source>
        <translation>Optagelsens tidslinje</translation>
    </message>
    <message>
        <source>Talk time per speaker</source>
        <translation>Taletid pr. taler</translation>
    </message>
    <message>
        <source>Nothing is transcribed yet. Press Transcribe in the Transcription panel: the words appear here as they are made, ready to correct while the recording plays.</source>
        <translation>Der er ikke transskriberet noget endnu. Tryk på Transskribér i panelet Transskription: ordene kommer frem her, efterhånden som de bliver lavet, klar til at blive rettet, mens optagelsen spiller.</translation>
    </message>
    <message>
        <source>Return in the text</source>
        <translation>Retur i teksten</translation>
    </message>
    <message>
        <source>Delete at the end of a turn</source>
        <translation>Delete for enden af en taletur</translation>
    </message>
    <message>
        <source>Merge with previous turn</source>
        <translation>Slå sammen med forrige taletur</translation>
    </message>
    <message>
        <source>Backspace at the start of a turn</source>
        <translation>Backspace i starten af en taletur</translation>
    </message>
    <message>
        <source>Play a turn from its start</source>
        <translation>Afspil en taletur fra starten</translation>
    </message>
    <message>
        <source>Click its speaker in the margin</source>
        <translation>Klik på dens taler i margenen</translation>
    </message>
    <message>
        <source>Play from a word</source>
        <translation>Afspil fra et ord</translation>
    </message>
    <message>
        <source>Ctrl+click the word</source>
        <translation>Ctrl+klik på ordet</translation>
    </message>
    <message>
        <source>The transcript can still be edited.</source>
        <translation>Transskriptionen kan stadig redigeres.</translation>
    </message>
    <message>
        <source>No recording is linked to this project: the transcript can be edited, not played.</source>
        <translation>Der er ingen optagelse knyttet til projektet: transskriptionen kan redigeres, men ikke afspilles.</translation>
    </message>
    <message>
        <source>No sound device was found: the recording runs silently.</source>
        <translation>Der blev ikke fundet nogen lydenhed: optagelsen afspilles uden lyd.</translation>
    </message>
    <message>
        <source>Speaker {0}: {1}</source>
        <translation>Taler {0}: {1}</translation>
    </message>
    <message>
        <source>The transcript changed while you typed; your last change to this turn was not kept.</source>
        <translation>Transskriptionen blev ændret, mens du skrev; din seneste ændring i denne taletur blev ikke bevaret.</translation>
    </message>
    <message>
        <source>Edit text</source>
        <translation>Rediger tekst</translation>
    </message>
    <message>
        <source>Put the cursor where the second part of the turn begins.</source>
        <translation>Sæt markøren, hvor anden del af taleturen begynder.</translation>
    </message>
    <message>
        <source>There is no other speaker for the second part: add one with Change speaker (F2).</source>
        <translation>Der er ingen anden taler til anden del: tilføj en med Skift taler (F2).</translation>
    </message>
    <message>
        <source>Split turn</source>
        <translation>Del taletur</translation>
    </message>
    <message>
        <source>Merge turns</source>
        <translation>Slå taleture sammen</translation>
    </message>
    <message>
        <source>Change speaker</source>
        <translation>Skift taler</translation>
    </message>
    <message>
        <source>New speaker…</source>
        <translation>Ny taler…</translation>
    </message>
    <message>
        <source>New speaker</source>
        <translation>Ny taler</translation>
    </message>
    <message>
        <source>Code of the speaker (for example VJ):</source>
        <translation>Talerens kode (for eksempel VJ):</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopiér</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Afspil</translation>
    </message>
    <message>
        <source>Play or pause ({0})</source>
        <translation>Afspil eller pause ({0})</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Erstat</translation>
    </message>
    <message>
        <source>Replace all</source>
        <translation>Erstat alle</translation>
    </message>
    <message>
        <source>Replaced {0} occurrences.</source>
        <translation>Erstattede {0} forekomster.</translation>
    </message>
    <message>
        <source>No more uncertain words in this direction.</source>
        <translation>Ikke flere usikre ord i denne retning.</translation>
    </message>
    <message>
        <source>No places where two voices overlap in this transcript.</source>
        <translation>Ingen steder i denne transskription, hvor to stemmer overlapper.</translation>
    </message>
    <message>
        <source>No more places where two voices overlap in this direction.</source>
        <translation>Ikke flere steder med overlappende stemmer i denne retning.</translation>
    </message>
    <message>
        <source>Two voices at once: place {0} of {1}</source>
        <translation>To stemmer på én gang: sted {0} af {1}</translation>
    </message>
</context>
<context>
    <name>TranscriptText</name>
    <message>
        <source>Two voices at once: {0} and {1} speak over each other here</source>
        <translation>To stemmer på én gang: {0} og {1} taler oven i hinanden her</translation>
    </message>
    <message>
        <source>Two voices at once: someone speaks over this</source>
        <translation>To stemmer på én gang: nogen taler oven i dette</translation>
    </message>
    <message>
        <source>Select text within one turn to change it. To join turns, use Merge with next turn.</source>
        <translation>Markér tekst inden for én taletur for at ændre den. Brug Slå sammen med næste taletur for at samle taleture.</translation>
    </message>
    <message>
        <source>Select text within one turn to paste over it.</source>
        <translation>Markér tekst inden for én taletur for at indsætte over den.</translation>
    </message>
</context>
<context>
    <name>TranscriptionPanel</name>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Enhed</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprog</translation>
    </message>
    <message>
        <source>Names and terms</source>
        <translation>Navne og fagord</translation>
    </message>
    <message>
        <source>names and words to expect, e.g. Borgernes MSB, jobafklaring</source>
        <translation>navne og ord, der forventes, f.eks. Borgernes MSB, jobafklaring</translation>
    </message>
    <message>
        <source>Whisper is primed with these words, so names and special terms come out right.</source>
        <translation>Whisper får disse ord på forhånd, så navne og fagord bliver stavet rigtigt.</translation>
    </message>
    <message>
        <source>From roster</source>
        <translation>Fra deltagerlisten</translation>
    </message>
    <message>
        <source>Measure speed</source>
        <translation>Mål hastighed</translation>
    </message>
    <message>
        <source>Transcribes a few seconds of the Danish sample with a model on this computer, so that the time estimates fit this computer</source>
        <translation>Transskriberer nogle sekunder af den danske prøveoptagelse med en model på denne computer, så tidsoverslagene passer til denne computer</translation>
    </message>
    <message>
        <source>Fill in the names of the people in the roster</source>
        <translation>Indsæt navnene på personerne på deltagerlisten</translation>
    </message>
    <message>
        <source>Verbatim: also write fillers (øh, øhm)</source>
        <translation>Ordret: skriv også fyldord (øh, øhm)</translation>
    </message>
    <message>
        <source>Takes a second pass over the recording, so the transcription takes longer.</source>
        <translation>Kræver en ekstra gennemgang af optagelsen, så transskriberingen tager længere tid.</translation>
    </message>
    <message>
        <source>Find who speaks when; speakers:</source>
        <translation>Find ud af, hvem der taler hvornår; antal talere:</translation>
    </message>
    <message>
        <source>estimate</source>
        <translation>anslå</translation>
    </message>
    <message>
        <source>Transcribe again…</source>
        <translation>Transskribér igen…</translation>
    </message>
    <message>
        <source>The transcript appears here while it is made.</source>
        <translation>Transskriptionen vises her, mens den bliver lavet.</translation>
    </message>
    <message>
        <source>Not on this computer yet</source>
        <translation>Ikke på denne computer endnu</translation>
    </message>
    <message>
        <source>Local model: {name}</source>
        <translation>Lokal model: {name}</translation>
    </message>
    <message>
        <source>Use local model file…</source>
        <translation>Brug lokal modelfil…</translation>
    </message>
    <message>
        <source>Automatic (graphics card if there is one)</source>
        <translation>Automatisk (grafikkort, hvis der er et)</translation>
    </message>
    <message>
        <source>Processor (CPU)</source>
        <translation>Processor (CPU)</translation>
    </message>
    <message>
        <source>Graphics card (CUDA)</source>
        <translation>Grafikkort (CUDA)</translation>
    </message>
    <message>
        <source>Looking for a graphics card…</source>
        <translation>Leder efter et grafikkort…</translation>
    </message>
    <message>
        <source>Found: no CUDA graphics card; the processor (CPU) is used.</source>
        <translation>Fundet: intet CUDA-grafikkort; processoren (CPU) bruges.</translation>
    </message>
    <message>
        <source>Danish</source>
        <translation>Dansk</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Engelsk</translation>
    </message>
    <message>
        <source>Swedish</source>
        <translation>Svensk</translation>
    </message>
    <message>
        <source>Norwegian</source>
        <translation>Norsk</translation>
    </message>
    <message>
        <source>German</source>
        <translation>Tysk</translation>
    </message>
    <message>
        <source>Detect the language</source>
        <translation>Find sproget automatisk</translation>
    </message>
    <message>
        <source>On this computer.</source>
        <translation>På denne computer.</translation>
    </message>
    <message>
        <source>Not on this computer yet: Transcribe offers to download it (needs internet once).</source>
        <translation>Ikke på denne computer endnu: Transskribér tilbyder at hente den (kræver internet én gang).</translation>
    </message>
    <message>
        <source>Needs more memory than this computer has.</source>
        <translation>Kræver mere hukommelse, end denne computer har.</translation>
    </message>
    <message>
        <source>Time for an hour of audio: press Measure speed to estimate it.</source>
        <translation>Tid for en times lyd: tryk på Mål hastighed for at anslå den.</translation>
    </message>
    <message>
        <source>About {time} for an hour of audio here (measured).</source>
        <translation>Ca. {time} for en times lyd her (målt).</translation>
    </message>
    <message>
        <source>About {time} for an hour of audio here (a rough estimate; Measure speed refines it).</source>
        <translation>Ca. {time} for en times lyd her (et groft overslag; Mål hastighed gør det mere præcist).</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} t {minutes} min</translation>
    </message>
    <message>
        <source>a CUDA card with {memory} GB</source>
        <translation>et CUDA-grafikkort med {memory} GB</translation>
    </message>
    <message>
        <source>a CUDA card</source>
        <translation>et CUDA-grafikkort</translation>
    </message>
    <message>
        <source>no CUDA card</source>
        <translation>intet CUDA-grafikkort</translation>
    </message>
    <message numerus="yes">
        <source>%n core(s), {memory} GB memory, {card}</source>
        <translation>
            <numerusform>%n kerne, {memory} GB hukommelse, {card}</numerusform>
            <numerusform>%n kerner, {memory} GB hukommelse, {card}</numerusform>
        </translation>
    </message>
    <message>
        <source>Recommended for this computer ({computer}): {model}.</source>
        <translation>Anbefalet til denne computer ({computer}): {model}.</translation>
    </message>
    <message>
        <source>This computer ({computer}) is slow for every model with a Danish figure.</source>
        <translation>Denne computer ({computer}) er langsom til alle modeller med et dansk tal.</translation>
    </message>
    <message>
        <source>Measuring with {model}…</source>
        <translation>Måler med {model}…</translation>
    </message>
    <message>
        <source>The measurement did not succeed: {why}</source>
        <translation>Målingen lykkedes ikke: {why}</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Genoptag</translation>
    </message>
    <message>
        <source>Transcribe</source>
        <translation>Transskribér</translation>
    </message>
    <message>
        <source>Stop now</source>
        <translation>Stop nu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annullér</translation>
    </message>
    <message>
        <source>Open or create a project to transcribe it.</source>
        <translation>Åbn eller opret et projekt for at transskribere det.</translation>
    </message>
    <message>
        <source>Transcribing… Editing waits until it is done; the words appear below as they come.</source>
        <translation>Transskriberer… Redigering venter, til den er færdig; ordene vises nedenfor, efterhånden som de kommer.</translation>
    </message>
    <message>
        <source>This transcript was imported from a typed file; there is no recording to transcribe.</source>
        <translation>Denne transskription er importeret fra en skrevet fil; der er ingen optagelse at transskribere.</translation>
    </message>
    <message>
        <source>This project has no recording.</source>
        <translation>Dette projekt har ingen optagelse.</translation>
    </message>
    <message>
        <source>Not transcribed yet. Choose a model and press Transcribe.</source>
        <translation>Ikke transskriberet endnu. Vælg en model, og tryk på Transskribér.</translation>
    </message>
    <message numerus="yes">
        <source>Transcribed: %n segment(s), with {model} on {device}.</source>
        <translation>
            <numerusform>Transskriberet: %n segment med {model} på {device}.</numerusform>
            <numerusform>Transskriberet: %n segmenter med {model} på {device}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The transcription stopped at {position} of {total} ({why}). What was done is saved: %n segment(s). Resume continues from there, with the same model and options.</source>
        <translation>
            <numerusform>Transskriptionen stoppede ved {position} af {total} ({why}). Det færdige er gemt: %n segment. Genoptag fortsætter derfra med samme model og indstillinger.</numerusform>
            <numerusform>Transskriptionen stoppede ved {position} af {total} ({why}). Det færdige er gemt: %n segmenter. Genoptag fortsætter derfra med samme model og indstillinger.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done} of {total} · {eta} · %n segment(s)</source>
        <translation>
            <numerusform>{done} af {total} · {eta} · %n segment</numerusform>
            <numerusform>{done} af {total} · {eta} · %n segmenter</numerusform>
        </translation>
    </message>
    <message>
        <source>it was cancelled</source>
        <translation>den blev annulleret</translation>
    </message>
    <message>
        <source>How many people speak, if you know: 2, or a range such as 5-8 for a focus group. Left empty: 2 in an interview; in a focus group estimated, at most 10.</source>
        <translation>Hvor mange personer taler, hvis du ved det: 2, eller et interval som 5-8 i en fokusgruppe. Tomt: 2 i et interview; i en fokusgruppe anslås antallet, højst 10.</translation>
    </message>
    <message numerus="yes">
        <source>Found: %n CUDA graphics card(s); Automatic uses it.</source>
        <translation>
            <numerusform>Fundet: %n CUDA-grafikkort; Automatisk bruger det.</numerusform>
            <numerusform>Fundet: %n CUDA-grafikkort; Automatisk bruger dem.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not on this computer yet: Transcribe offers to download and convert it (needs internet once, and the Transformers library: pip install &apos;transcribe-app[convert]&apos;).</source>
        <translation>Ikke på denne computer endnu: Transskribér tilbyder at hente og konvertere den (kræver internet én gang og Transformers-biblioteket: pip install &apos;transcribe-app[convert]&apos;).</translation>
    </message>
    <message>
        <source>Transkript or the computer stopped during the run</source>
        <translation>Transkript eller computeren stoppede undervejs</translation>
    </message>
    <message>
        <source>Transcribe again</source>
        <translation>Transskribér igen</translation>
    </message>
    <message>
        <source>Transcribe the recording again? The new words replace the transcript and the corrections made in it; the roster and metadata stay. The old project file is kept as .bak.</source>
        <translation>Vil du transskribere optagelsen igen? De nye ord erstatter transskriptionen og de rettelser, der er lavet i den; deltagerlisten og oplysningerne bliver. Den gamle projektfil gemmes som .bak.</translation>
    </message>
    <message>
        <source>Choose a Whisper model</source>
        <translation>Vælg en Whisper-model</translation>
    </message>
    <message>
        <source>Whisper models (model.bin *.pt);;All files (*)</source>
        <translation>Whisper-modeller (model.bin *.pt);;Alle filer (*)</translation>
    </message>
    <message>
        <source>… continuing after {position}</source>
        <translation>… fortsætter efter {position}</translation>
    </message>
    <message>
        <source>Loading the model and reading the recording…</source>
        <translation>Indlæser modellen og læser optagelsen…</translation>
    </message>
    <message>
        <source>Save the project first.</source>
        <translation>Gem projektet først.</translation>
    </message>
    <message>
        <source>Nothing was started: the model “{name}” is not on this computer. Choose a model that is, or a local model file, or agree to download it.</source>
        <translation>Intet blev startet: modellen “{name}” findes ikke på denne computer. Vælg en model, der gør, eller en lokal modelfil, eller sig ja til at hente den.</translation>
    </message>
    <message>
        <source>Download the model</source>
        <translation>Hent modellen</translation>
    </message>
    <message>
        <source>The model “{name}” is not on this computer. Download it now? This needs the internet once; the recording never leaves this computer.</source>
        <translation>Modellen “{name}” er ikke på denne computer. Vil du hente den nu? Det kræver internet én gang; optagelsen forlader aldrig denne computer.</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(ukendt)</translation>
    </message>
    <message>
        <source>Recording not found</source>
        <translation>Optagelsen blev ikke fundet</translation>
    </message>
    <message>
        <source>The recording of this project is not where it was ({where}). Please show where it is now.</source>
        <translation>Projektets optagelse ligger ikke længere, hvor den lå ({where}). Vis venligst, hvor den er nu.</translation>
    </message>
    <message>
        <source>Where is the recording?</source>
        <translation>Hvor er optagelsen?</translation>
    </message>
    <message>
        <source>Stopping after the current part; saving what is done…</source>
        <translation>Stopper efter den aktuelle del; gemmer det færdige…</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Færdig.</translation>
    </message>
    <message>
        <source>estimating the time left</source>
        <translation>beregner den resterende tid</translation>
    </message>
    <message>
        <source>less than a minute left</source>
        <translation>under et minut tilbage</translation>
    </message>
    <message>
        <source>about {minutes} min left</source>
        <translation>ca. {minutes} min tilbage</translation>
    </message>
    <message>
        <source>about {hours} h {minutes} min left</source>
        <translation>ca. {hours} t {minutes} min tilbage</translation>
    </message>
</context>
<context>
    <name>TranscriptionWorker</name>
    <message>
        <source>The transcription could not be started ({reason}).</source>
        <translation>Transskriptionen kunne ikke startes ({reason}).</translation>
    </message>
    <message>
        <source>The transcription was stopped{where}. What was done is saved; Resume continues from there.</source>
        <translation>Transskriptionen blev stoppet{where}. Det færdige er gemt; Genoptag fortsætter derfra.</translation>
    </message>
    <message>
        <source>The transcription could not run: {reason}</source>
        <translation>Transskriptionen kunne ikke køre: {reason}</translation>
    </message>
    <message>
        <source>The transcription stopped unexpectedly: the transcribing process ended before it had finished{where}. What it had done is saved (it saves every few seconds), and Resume continues from there.</source>
        <translation>Transskriptionen stoppede uventet: transskriptionsprocessen sluttede, før den var færdig{where}. Det, den nåede, er gemt (den gemmer med få sekunders mellemrum), og Genoptag fortsætter derfra.</translation>
    </message>
    <message>
        <source>Its last message: {details}</source>
        <translation>Dens sidste besked: {details}</translation>
    </message>
    <message>
        <source> at {position}</source>
        <translation> ved {position}</translation>
    </message>
</context>
<context>
    <name>_Gutter</name>
    <message>
        <source>Click to play the turn from its start</source>
        <translation>Klik for at afspille taleturen fra starten</translation>
    </message>
</context>
</TS>
