<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>NamesPanel</name>
    <message numerus="yes">
        <source>%n name(s) will be replaced</source>
        <translation>
            <numerusform>%n name will be replaced</numerusform>
            <numerusform>%n names will be replaced</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n people, places or organisations</source>
        <translation>
            <numerusform>%n person, place or organisation</numerusform>
            <numerusform>%n people, places or organisations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n wait(s) for your review</source>
        <translation>
            <numerusform>%n waits for your review</numerusform>
            <numerusform>%n wait for your review</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n leftover word(s) to look at</source>
        <translation>
            <numerusform>%n leftover word to look at</numerusform>
            <numerusform>%n leftover words to look at</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TranscriptionPanel</name>
    <message numerus="yes">
        <source>Transcribed: %n segment(s), with {model} on {device}.</source>
        <translation>
            <numerusform>Transcribed: %n segment, with {model} on {device}.</numerusform>
            <numerusform>Transcribed: %n segments, with {model} on {device}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The transcription stopped at {position} of {total} ({why}). What was done is saved: %n segment(s). Resume continues from there, with the same model and options.</source>
        <translation>
            <numerusform>The transcription stopped at {position} of {total} ({why}). What was done is saved: %n segment. Resume continues from there, with the same model and options.</numerusform>
            <numerusform>The transcription stopped at {position} of {total} ({why}). What was done is saved: %n segments. Resume continues from there, with the same model and options.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done} of {total} · {eta} · %n segment(s)</source>
        <translation>
            <numerusform>{done} of {total} · {eta} · %n segment</numerusform>
            <numerusform>{done} of {total} · {eta} · %n segments</numerusform>
        </translation>
    </message>
</context>
</TS>
