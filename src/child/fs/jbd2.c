/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * An ext3/4 journal (jbd2) replayed in memory: which filesystem blocks
 * the journal holds newer copies of, and where, as the kernel's recovery
 * (and e2fsck's, e2fsck/recovery.c) would write them back, in its three
 * passes: scan to the last complete, checksum-valid transaction, gather
 * the revocations, then map each logged block not revoked by a later
 * transaction.  Nothing is written: ext.c serves reads of those blocks
 * from the journal.  Every byte here is the guest's: the log is read
 * through a callback, block by block, and each field is checked before
 * it is used; damage ends the log where it starts, as e2fsck ends it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ext2fs/ext2fs.h>

#include "bytes.h"
#include "jbd2.h"

#define MAGIC		0xC03B3998U
#define T_DESCRIPTOR	1
#define T_COMMIT	2
#define T_SB_V1		3
#define T_SB_V2		4
#define T_REVOKE	5

#define C_CHECKSUM	0x1	/* compat: v1 transaction checksums */
#define I_REVOKE	0x1
#define I_64BIT		0x2
#define I_ASYNC_COMMIT	0x4
#define I_CSUM_V2	0x8
#define I_CSUM_V3	0x10
#define I_FAST_COMMIT	0x20
#define FC_TAG_HEAD	9	/* a fast-commit area's first tag */
#define I_KNOWN		0x3f

#define F_ESCAPE	1
#define F_SAME_UUID	2
#define F_LAST_TAG	8

#define HEADER		12	/* magic, type, sequence */
#define TAIL		4	/* a descriptor's or revoke's checksum */
#define FC_DEFAULT	256	/* fast-commit blocks when unsaid */

struct log {
	const struct jbd2_reader *rd;
	uint32_t	 blocksize, first, last, maxlen;
	uint32_t	 incompat, compat;
	uint32_t	 seed;		/* crc32c of the journal's uuid */
	unsigned char	*buf, *data;	/* a log block; a data block */
};

struct revoke {
	uint64_t	block;
	uint32_t	seq;
};

/* Sequence numbers wrap: a after b, as tid_gt() says. */
static bool
seq_after(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) > 0;
}

static bool
csum_v23(const struct log *l)
{
	return (l->incompat & (I_CSUM_V2 | I_CSUM_V3)) != 0;
}

static int
get(struct log *l, uint32_t jblock, unsigned char *into)
{
	if (jblock >= l->maxlen)
		return -1;
	return l->rd->read(l->rd->ctx, jblock, into);
}

/* The log block after b, wrapping from the log's end to its first. */
static uint32_t
next_block(const struct log *l, uint32_t b)
{
	b++;
	return b >= l->last ? l->first + (b - l->last) : b;
}

static uint32_t
skip(const struct log *l, uint32_t b, uint32_t n)
{
	uint32_t span = l->last - l->first;

	n %= span;
	b += n;
	return b >= l->last ? b - span : b;
}

/* A block whose last four bytes are its crc32c: descriptor, revoke. */
static bool
tail_ok(const struct log *l, unsigned char *b)
{
	unsigned char kept[TAIL];
	uint32_t c;

	if (!csum_v23(l))
		return true;
	memcpy(kept, b + l->blocksize - TAIL, TAIL);
	memset(b + l->blocksize - TAIL, 0, TAIL);
	c = ext2fs_crc32c_le(l->seed, b, l->blocksize);
	memcpy(b + l->blocksize - TAIL, kept, TAIL);
	return c == be32(kept);
}

static bool
commit_ok(const struct log *l, unsigned char *b)
{
	unsigned char kept[4];
	uint32_t c;

	if (!csum_v23(l))
		return true;
	memcpy(kept, b + 16, 4);
	memset(b + 16, 0, 4);
	c = ext2fs_crc32c_le(l->seed, b, l->blocksize);
	memcpy(b + 16, kept, 4);
	return c == be32(kept);
}

static size_t
tag_bytes(const struct log *l)
{
	size_t sz;

	if (l->incompat & I_CSUM_V3)
		return 16;
	sz = 12 + ((l->incompat & I_CSUM_V2) ? 2 : 0);
	return (l->incompat & I_64BIT) ? sz : sz - 4;
}

/* A descriptor's tags, up to the one flagged last. */
struct tag {
	uint64_t	block;
	uint32_t	flags;
	uint32_t	csum;
};

static size_t
tags(const struct log *l, const unsigned char *b, struct tag *out,
    size_t max)
{
	size_t at = HEADER, n = 0, tb = tag_bytes(l);
	size_t end = l->blocksize - (csum_v23(l) ? TAIL : 0);
	const unsigned char *t;

	while (at + tb <= end && n < max) {
		t = b + at;
		if (l->incompat & I_CSUM_V3) {
			out[n].block = be32(t) | (uint64_t)be32(t + 8) << 32;
			out[n].flags = be32(t + 4);
			out[n].csum = be32(t + 12);
		} else {
			out[n].block = be32(t);
			out[n].csum = (uint32_t)t[4] << 8 | t[5];
			out[n].flags = (uint32_t)t[6] << 8 | t[7];
			if (l->incompat & I_64BIT)
				out[n].block |= (uint64_t)be32(t + 8) << 32;
		}
		at += tb;
		if (!(out[n].flags & F_SAME_UUID))
			at += 16;
		if (out[n++].flags & F_LAST_TAG)
			break;
	}
	return n;
}

/* A logged block's own checksum (v2: its low 16 bits), with its seq. */
static bool
data_ok(const struct log *l, const struct tag *t, uint32_t seq,
    const unsigned char *data)
{
	unsigned char s[4] = { seq >> 24, seq >> 16, seq >> 8, seq };
	uint32_t c;

	if (!csum_v23(l))
		return true;
	c = ext2fs_crc32c_le(l->seed, s, 4);
	c = ext2fs_crc32c_le(c, data, l->blocksize);
	return (l->incompat & I_CSUM_V3) ? c == t->csum :
	    (c & 0xffff) == t->csum;
}

enum pass { SCAN, REVOKE, REPLAY };

struct state {
	struct jbd2_replay	*r;
	struct revoke		*rev;
	size_t			 nrev, maxrev;
	uint32_t		 end;		/* first transaction not replayed */
	struct tag		*tg;
	size_t			 maxtags;
	uint64_t		 fs_blocks;
};

/* Revocations are gathered, then sorted: the newest of each block kept. */
static void
add_revoke(struct state *st, uint64_t block, uint32_t seq)
{
	if (st->nrev < st->maxrev) {
		st->rev[st->nrev].block = block;
		st->rev[st->nrev++].seq = seq;
	}
}

static int
by_revoked_block(const void *a, const void *b)
{
	const struct revoke *x = a, *y = b;

	if (x->block != y->block)
		return x->block < y->block ? -1 : 1;
	return seq_after(x->seq, y->seq) - seq_after(y->seq, x->seq);
}

static void
sort_revokes(struct state *st)
{
	size_t i, k = 0;

	qsort(st->rev, st->nrev, sizeof(st->rev[0]), by_revoked_block);
	for (i = 0; i < st->nrev; i++) {
		if (i + 1 < st->nrev && st->rev[i + 1].block == st->rev[i].block)
			continue;
		st->rev[k++] = st->rev[i];
	}
	st->nrev = k;
}

/* Revoked by a transaction at or after seq, as jbd2's test says. */
static bool
revoked(const struct state *st, uint64_t block, uint32_t seq)
{
	size_t lo = 0, hi = st->nrev, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (st->rev[mid].block == block)
			return !seq_after(seq, st->rev[mid].seq);
		if (st->rev[mid].block < block)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static void
revoke_block(struct log *l, struct state *st, const unsigned char *b,
    uint32_t seq)
{
	size_t rec = (l->incompat & I_64BIT) ? 8 : 4, at = HEADER + 4;
	uint32_t count = be32(b + HEADER);

	if (count > l->blocksize - (csum_v23(l) ? TAIL : 0))
		return;
	for (; at + rec <= count; at += rec)
		add_revoke(st, rec == 8 ? be64(b + at) : be32(b + at), seq);
}

static void
map_block(struct state *st, uint64_t fsblock, uint32_t jblock, bool escaped)
{
	struct jbd2_replay *r = st->r;

	if (r->n >= r->max)
		return;
	r->map[r->n].fsblock = fsblock;
	r->map[r->n].jblock = jblock;
	r->map[r->n].escaped = escaped;
	r->map[r->n].order = (uint32_t)r->n;
	r->n++;
}

/* A descriptor at pass REPLAY: each tag's block mapped to its copy. */
static uint32_t
replay_descriptor(struct log *l, struct state *st, uint32_t at, size_t n,
    uint32_t seq)
{
	size_t i;

	for (i = 0; i < n; i++) {
		uint32_t jb = at;

		at = next_block(l, at);
		if (st->fs_blocks != 0 && st->tg[i].block >= st->fs_blocks) {
			st->r->outside++;
			continue;
		}
		if (revoked(st, st->tg[i].block, seq)) {
			st->r->revoke_hits++;
			continue;
		}
		if (get(l, jb, l->data) != 0 ||
		    !data_ok(l, &st->tg[i], seq, l->data)) {
			st->r->bad_blocks++;
			continue;
		}
		map_block(st, st->tg[i].block, jb, st->tg[i].flags & F_ESCAPE);
	}
	return at;
}

/*
 * One pass over the log from the superblock's start, transaction by
 * transaction, each ended by its commit block.  SCAN finds the end.
 */
static int
pass(struct log *l, struct state *st, enum pass p, uint32_t start,
    uint32_t seq)
{
	uint32_t at = start, steps, type, bseq;
	size_t n;

	for (steps = 0; steps < l->maxlen * 2; steps++) {
		if (p != SCAN && !seq_after(st->end, seq))
			break;
		if (get(l, at, l->buf) != 0)
			return -1;
		at = next_block(l, at);
		type = be32(l->buf + 4);
		bseq = be32(l->buf + 8);
		if (be32(l->buf) != MAGIC || bseq != seq)
			break;
		if (type == T_DESCRIPTOR) {
			if (p == SCAN && !tail_ok(l, l->buf))
				break;
			n = tags(l, l->buf, st->tg, st->maxtags);
			if (p == REPLAY)
				at = replay_descriptor(l, st, at, n, seq);
			else
				at = skip(l, at, (uint32_t)n);
		} else if (type == T_COMMIT) {
			if (p == SCAN && !commit_ok(l, l->buf)) {
				st->r->bad_commit = true;
				break;
			}
			seq++;
		} else if (type == T_REVOKE) {
			if (p == SCAN && !tail_ok(l, l->buf))
				break;
			if (p == REVOKE)
				revoke_block(l, st, l->buf, seq);
		} else
			break;
	}
	if (p == SCAN)
		st->end = seq;
	return 0;
}

/* Newest copy of each block last: sort by block, then by log order. */
static int
by_block(const void *a, const void *b)
{
	const struct jbd2_map *x = a, *y = b;

	if (x->fsblock != y->fsblock)
		return x->fsblock < y->fsblock ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static void
newest_only(struct jbd2_replay *r)
{
	size_t i, k = 0;

	qsort(r->map, r->n, sizeof(r->map[0]), by_block);
	for (i = 0; i < r->n; i++) {
		if (i + 1 < r->n && r->map[i + 1].fsblock == r->map[i].fsblock)
			continue;
		r->map[k++] = r->map[i];
	}
	r->n = k;
}

/*
 * Whether the fast-commit area continues the log: its first block opens
 * with a head tag (ext4's EXT4_FC_TAG_HEAD: le16 tag 9, le16 length 8,
 * le32 features, le32 tid) for the transaction after the last full
 * commit, which is how ext4's replay tells a live area from a stale one.
 * The area starts one block past the log's end (jbd2's j_fc_first).
 */
static bool
fast_commits_follow(const struct log *l, uint32_t end_seq)
{
	const unsigned char *b = l->buf;

	if (!(l->incompat & I_FAST_COMMIT) || l->last + 1 >= l->maxlen ||
	    l->rd->read(l->rd->ctx, l->last + 1, l->buf) != 0)
		return false;
	return (b[0] | b[1] << 8) == FC_TAG_HEAD && (b[2] | b[3] << 8) == 8 &&
	    (uint32_t)(b[8] | b[9] << 8 | b[10] << 16 |
	    (uint32_t)b[11] << 24) == end_seq;
}

/* The journal superblock: what the log is and where it starts. */
static int
superblock(struct log *l, const unsigned char *sb, uint32_t *start,
    uint32_t *seq, char *why, size_t whylen)
{
	uint32_t type = be32(sb + 4), fc;

	if (be32(sb) != MAGIC || (type != T_SB_V1 && type != T_SB_V2)) {
		snprintf(why, whylen, "no journal superblock");
		return -1;
	}
	l->blocksize = be32(sb + 12);
	l->maxlen = be32(sb + 16);
	l->first = be32(sb + 20);
	*seq = be32(sb + 24);
	*start = be32(sb + 28);
	if (type == T_SB_V2) {
		l->compat = be32(sb + 36);
		l->incompat = be32(sb + 40);
	}
	if (l->incompat & ~I_KNOWN) {
		snprintf(why, whylen, "journal features 0x%x unknown",
		    l->incompat & ~I_KNOWN);
		return -1;
	}
	l->last = l->maxlen;
	if (l->incompat & I_FAST_COMMIT) {
		fc = be32(sb + 0x54) != 0 ? be32(sb + 0x54) : FC_DEFAULT;
		l->last = fc < l->maxlen ? l->maxlen - fc : 0;
	}
	if (l->first == 0 || l->first >= l->last || *start >= l->last ||
	    (*start != 0 && *start < l->first)) {
		snprintf(why, whylen, "journal superblock: log bounds %u..%u, "
		    "start %u, of %u blocks", l->first, l->last, *start,
		    l->maxlen);
		return -1;
	}
	l->seed = ext2fs_crc32c_le(~0U, sb + 0x30, 16);
	return 0;
}

int
jbd2_replay(const struct jbd2_reader *rd, struct jbd2_replay *r, char *why,
    size_t whylen)
{
	struct log l = { .rd = rd };
	struct state st = { .r = r, .fs_blocks = rd->fs_blocks };
	uint32_t start, seq;
	int rc = -1;

	memset(r, 0, sizeof(*r));
	if (rd->blocksize < 1024 || rd->blocksize > 65536)
		return -1;
	l.buf = malloc(rd->blocksize);
	l.data = malloc(rd->blocksize);
	if (l.buf == NULL || l.data == NULL || rd->read(rd->ctx, 0, l.buf) != 0) {
		snprintf(why, whylen, "cannot read the journal superblock");
		goto out;
	}
	if (superblock(&l, l.buf, &start, &seq, why, whylen) != 0)
		goto out;
	if (l.blocksize != rd->blocksize || l.maxlen > rd->maxlen) {
		snprintf(why, whylen, "journal of %u blocks of %u bytes in a "
		    "file of %u blocks of %u", l.maxlen, l.blocksize,
		    rd->maxlen, rd->blocksize);
		goto out;
	}
	r->first_seq = seq;
	if (start == 0) {
		rc = 0;		/* clean: nothing to replay */
		goto out;
	}
	st.maxtags = rd->blocksize / 8;
	st.maxrev = l.maxlen * (rd->blocksize / 4);
	if (st.maxrev > JBD2_MAX_REVOKES)
		st.maxrev = JBD2_MAX_REVOKES;
	r->max = l.maxlen;
	st.tg = calloc(st.maxtags, sizeof(*st.tg));
	st.rev = calloc(st.maxrev, sizeof(*st.rev));
	r->map = calloc(r->max, sizeof(*r->map));
	if (st.tg == NULL || st.rev == NULL || r->map == NULL) {
		snprintf(why, whylen, "out of memory");
		goto out;
	}
	if (pass(&l, &st, SCAN, start, seq) != 0 ||
	    pass(&l, &st, REVOKE, start, seq) != 0 ||
	    (sort_revokes(&st), pass(&l, &st, REPLAY, start, seq)) != 0) {
		snprintf(why, whylen, "cannot read the journal");
		goto out;
	}
	r->end_seq = st.end;
	r->transactions = st.end - seq;
	r->fast_commit = fast_commits_follow(&l, st.end);
	r->v1_checksums = (l.compat & C_CHECKSUM) != 0 && !csum_v23(&l);
	newest_only(r);
	rc = 0;
out:
	if (rc != 0) {
		free(r->map);
		r->map = NULL;
		r->n = 0;
	}
	free(st.tg);
	free(st.rev);
	free(l.buf);
	free(l.data);
	return rc;
}

void
jbd2_replay_free(struct jbd2_replay *r)
{
	free(r->map);
	r->map = NULL;
	r->n = 0;
}

/* The newest logged copy of fsblock, or NULL. */
const struct jbd2_map *
jbd2_lookup(const struct jbd2_replay *r, uint64_t fsblock)
{
	size_t lo = 0, hi = r->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (r->map[mid].fsblock == fsblock)
			return &r->map[mid];
		if (r->map[mid].fsblock < fsblock)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
