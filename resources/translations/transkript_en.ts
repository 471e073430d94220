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
</TS>
