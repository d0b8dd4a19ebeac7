#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
# lvmvg.py BACKUP NAME:FIRST_PE:EXTENTS...: adds linear logical volumes,
# in that order, to the volume group in a vgcfgbackup file (on stdout),
# for vgcfgrestore to write: lvcreate needs device-mapper, which this
# kernel lacks; vgcfgrestore does not.
import sys

text = open(sys.argv[1]).read()
lvs = ''
for i, spec in enumerate(sys.argv[2:]):
    name, first, count = spec.split(':')
    lvs += f'''
\t\t{name} {{
\t\t\tid = "xenpvb-oot0-test-lvm2-volu-me00-{i:06d}"
\t\t\tstatus = ["READ", "WRITE", "VISIBLE"]
\t\t\tflags = []
\t\t\tsegment_count = 1
\t\t\tsegment1 {{
\t\t\t\tstart_extent = 0
\t\t\t\textent_count = {count}
\t\t\t\ttype = "striped"
\t\t\t\tstripe_count = 1
\t\t\t\tstripes = [
\t\t\t\t\t"pv0", {first}
\t\t\t\t]
\t\t\t}}
\t\t}}'''
end = text.index('\n\t}\n', text.index('physical_volumes')) + 4
sys.stdout.write(text[:end] + '\n\tlogical_volumes {' + lvs + '\n\t}\n' +
                 text[end:])
