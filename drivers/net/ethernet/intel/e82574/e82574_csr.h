/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Intel 82574L register and descriptor map.
 *
 * Offsets are byte addresses into BAR0.  Every register is accessed
 * 32 bits at a time.  Fields are masks for FIELD_PREP()/FIELD_GET().
 */
#ifndef _E82574_CSR_H_
#define _E82574_CSR_H_

#include <linux/bits.h>

/* General control and status */
#define E82574_CTRL			0x00000
#define   E82574_CTRL_FD		BIT(0)
#define   E82574_CTRL_GIO_MASTER_DIS	BIT(2)
#define   E82574_CTRL_ASDE		BIT(5)
#define   E82574_CTRL_SLU		BIT(6)
#define   E82574_CTRL_ILOS		BIT(7)	/* invert loss of signal */
#define   E82574_CTRL_SPD		GENMASK(9, 8)
#define     E82574_CTRL_SPD_100	BIT(8)
#define     E82574_CTRL_SPD_1000	BIT(9)
#define   E82574_CTRL_FRCSPD		BIT(11)
#define   E82574_CTRL_FRCDPX		BIT(12)
#define   E82574_CTRL_ADVD3WUC		BIT(20)	/* D3cold wake-up capability */
#define   E82574_CTRL_EN_PHY_PWR_MGMT	BIT(21)
#define   E82574_CTRL_RST		BIT(26)
#define   E82574_CTRL_RFCE		BIT(27)
#define   E82574_CTRL_TFCE		BIT(28)
/* Reserved on the 82573/82574 family: e1000e clears it at init. */
#define   E82574_CTRL_RSVD29		BIT(29)
#define   E82574_CTRL_VME		BIT(30)
#define   E82574_CTRL_PHY_RST		BIT(31)
#define E82574_STATUS			0x00008
#define   E82574_STATUS_FD		BIT(0)
#define   E82574_STATUS_LU		BIT(1)
#define   E82574_STATUS_SPEED		GENMASK(7, 6)
#define     E82574_STATUS_SPEED_10	0
#define     E82574_STATUS_SPEED_100	1
#define   E82574_STATUS_GIO_MASTER_EN	BIT(19)
#define E82574_EECD			0x00010
#define   E82574_EECD_AUTO_RD		BIT(9)
#define   E82574_EECD_SIZE_EX		GENMASK(14, 11)
/* Bits 16:15 both set: the NVM is the on-board flash, 2048 words. */
#define   E82574_EECD_FLASH		GENMASK(16, 15)
#define   E82574_EECD_FLUPD		BIT(19)	/* commit shadow RAM to flash */
#define   E82574_EECD_AUPDEN		BIT(20)	/* autonomous flash update */
#define E82574_EERD			0x00014
#define   E82574_EERD_START		BIT(0)
#define   E82574_EERD_DONE		BIT(1)
#define   E82574_EERD_ADDR		GENMASK(15, 2)
#define   E82574_EERD_DATA		GENMASK(31, 16)
#define E82574_CTRL_EXT			0x00018
/* 82573/82574 family init bits (e1000e sets 22, clears 23). */
#define   E82574_CTRL_EXT_BIT22		BIT(22)
#define   E82574_CTRL_EXT_BIT23		BIT(23)
#define   E82574_CTRL_EXT_EIAME		BIT(24)
#define   E82574_CTRL_EXT_IAME		BIT(27)
#define   E82574_CTRL_EXT_DRV_LOAD	BIT(28)
#define   E82574_CTRL_EXT_PBA_CLR	BIT(31)

/* PHY access through the MDI control register */
#define E82574_MDIC			0x00020
#define   E82574_MDIC_DATA		GENMASK(15, 0)
#define   E82574_MDIC_REGADD		GENMASK(20, 16)
#define   E82574_MDIC_PHYADD		GENMASK(25, 21)
#define   E82574_MDIC_OP		GENMASK(27, 26)
#define     E82574_MDIC_OP_WRITE	1
#define     E82574_MDIC_OP_READ		2
#define   E82574_MDIC_READY		BIT(28)
#define   E82574_MDIC_ERROR		BIT(30)

/* Flow control: pause frame address, type and timer */
#define E82574_FCAL			0x00028
#define E82574_FCAH			0x0002C
#define E82574_FCT			0x00030
#define E82574_VET			0x00038
#define E82574_FCTTV			0x00170
#define E82574_LEDCTL			0x00E00
#define   E82574_LEDCTL_MODE(n)		(GENMASK(3, 0) << (8 * (n)))
#define   E82574_LEDCTL_IVRT(n)		(BIT(6) << (8 * (n)))
#define   E82574_LEDCTL_BLINK(n)	(BIT(7) << (8 * (n)))
#define     E82574_LED_ON		0xE
#define     E82574_LED_OFF		0xF
#define   E82574_LED_NUM		4
/* Software/firmware ownership of the PHY and NVM */
#define E82574_EXTCNF_CTRL		0x00F00
#define   E82574_EXTCNF_CTRL_SWFLAG	BIT(5)
#define E82574_HICR			0x08F00
#define   E82574_HICR_FW_RESET_EN	BIT(6)
#define   E82574_HICR_FW_RESET		BIT(7)
/* Packet buffer allocation: RX KB in 15:0, TX KB (read-only) in 31:16 */
#define E82574_PBA			0x01000
#define   E82574_PBA_RX			GENMASK(15, 0)
/* NVM write (same layout as EERD) and the flash opcode register */
#define E82574_EEWR			0x0102C
#define E82574_FLOP			0x0103C
#define   E82574_FLOP_OPCODE		GENMASK(15, 8)
#define     E82574_FLOP_STM		0xDB
#define E82574_FCRTL			0x02160
#define   E82574_FCRTL_XONE		BIT(31)
#define E82574_FCRTH			0x02168

/* Interrupt causes: ICR (read), ICS (set), IMS (enable), IMC (disable) */
#define E82574_ICR			0x000C0
#define E82574_ITR			0x000C4
#define E82574_ICS			0x000C8
#define E82574_IMS			0x000D0
#define E82574_IMC			0x000D8
#define E82574_EIAC			0x000DC
#define E82574_IAM			0x000E0
#define   E82574_INT_TXDW		BIT(0)
#define   E82574_INT_TXQE		BIT(1)
#define   E82574_INT_LSC		BIT(2)
#define   E82574_INT_RXDMT0		BIT(4)
#define   E82574_INT_RXO		BIT(6)
#define   E82574_INT_RXT0		BIT(7)
#define   E82574_INT_MDAC		BIT(9)
#define   E82574_INT_SRPD		BIT(16)
#define   E82574_INT_ACK		BIT(17)
#define   E82574_INT_MNG		BIT(18)
#define   E82574_INT_RXQ(n)		BIT(20 + (n))
#define   E82574_INT_TXQ(n)		BIT(22 + (n))
#define   E82574_INT_OTHER		BIT(24)
#define   E82574_INT_ASSERTED		BIT(31)
/* Causes that ICR.OTHER stands for; writing OTHER to ICR clears them all. */
#define   E82574_INT_OTHER_CAUSES	(E82574_INT_LSC | E82574_INT_RXO | \
					 E82574_INT_MDAC | E82574_INT_SRPD | \
					 E82574_INT_ACK | E82574_INT_MNG)

/* MSI-X routing: a 4-bit field per cause, vector number plus VALID */
#define E82574_IVAR			0x000E4
#define   E82574_IVAR_RXQ(n)		(GENMASK(3, 0) << (4 * (n)))
#define   E82574_IVAR_TXQ(n)		(GENMASK(11, 8) << (4 * (n)))
#define   E82574_IVAR_OTHER		GENMASK(19, 16)
#define   E82574_IVAR_VALID		BIT(3)
#define E82574_EITR(v)			(0x000E8 + 4 * (v))

/* Receive control */
#define E82574_RCTL			0x00100
#define   E82574_RCTL_EN		BIT(1)
#define   E82574_RCTL_SBP		BIT(2)
#define   E82574_RCTL_UPE		BIT(3)
#define   E82574_RCTL_MPE		BIT(4)
#define   E82574_RCTL_LPE		BIT(5)
#define   E82574_RCTL_LBM		GENMASK(7, 6)
#define   E82574_RCTL_DTYP		GENMASK(11, 10)
#define   E82574_RCTL_MO		GENMASK(13, 12)
#define   E82574_RCTL_BAM		BIT(15)
#define   E82574_RCTL_BSIZE		GENMASK(17, 16)
#define   E82574_RCTL_VFE		BIT(18)
#define   E82574_RCTL_BSEX		BIT(25)
#define   E82574_RCTL_SECRC		BIT(26)

/* Transmit control */
#define E82574_TCTL			0x00400
#define   E82574_TCTL_EN		BIT(1)
#define   E82574_TCTL_PSP		BIT(3)
#define   E82574_TCTL_CT		GENMASK(11, 4)
#define   E82574_TCTL_COLD		GENMASK(21, 12)
#define   E82574_TCTL_RTLC		BIT(24)
#define   E82574_TCTL_MULR		BIT(28)
#define E82574_TIPG			0x00410
#define   E82574_TIPG_IPGT		GENMASK(9, 0)
#define   E82574_TIPG_IPGR1		GENMASK(19, 10)
#define   E82574_TIPG_IPGR2		GENMASK(29, 20)

/* Per-queue receive rings (n = 0, 1) */
#define E82574_RDBAL(n)			(0x02800 + 0x100 * (n))
#define E82574_RDBAH(n)			(0x02804 + 0x100 * (n))
#define E82574_RDLEN(n)			(0x02808 + 0x100 * (n))
#define E82574_RDH(n)			(0x02810 + 0x100 * (n))
#define E82574_RDT(n)			(0x02818 + 0x100 * (n))
#define E82574_RXDCTL(n)		(0x02828 + 0x100 * (n))
#define   E82574_RXDCTL_PTHRESH		GENMASK(5, 0)
#define   E82574_RXDCTL_HTHRESH		GENMASK(13, 8)
#define   E82574_RXDCTL_WTHRESH		GENMASK(21, 16)
#define   E82574_RXDCTL_GRAN		BIT(24)
#define E82574_RDTR			0x02820
#define E82574_RADV			0x0282C
#define E82574_RSRPD			0x02C00

/* Per-queue transmit rings (n = 0, 1) */
#define E82574_TDBAL(n)			(0x03800 + 0x100 * (n))
#define E82574_TDBAH(n)			(0x03804 + 0x100 * (n))
#define E82574_TDLEN(n)			(0x03808 + 0x100 * (n))
#define E82574_TDH(n)			(0x03810 + 0x100 * (n))
#define E82574_TDT(n)			(0x03818 + 0x100 * (n))
#define E82574_TXDCTL(n)		(0x03828 + 0x100 * (n))
#define   E82574_TXDCTL_PTHRESH		GENMASK(5, 0)
#define   E82574_TXDCTL_HTHRESH		GENMASK(13, 8)
#define   E82574_TXDCTL_WTHRESH		GENMASK(21, 16)
#define   E82574_TXDCTL_COUNT_DESC	BIT(22)
#define   E82574_TXDCTL_GRAN		BIT(24)
#define E82574_TARC(n)			(0x03840 + 0x100 * (n))
/* Queue enable: read-modify-write only, clearing it kills the queue. */
#define   E82574_TARC_ENABLE		BIT(10)
/* 82574 arbitration setup (e1000e): clear 30:27, set 26 on queue 0. */
#define   E82574_TARC0_CLR		GENMASK(30, 27)
#define   E82574_TARC0_SET		BIT(26)
#define E82574_TIDV			0x03820
#define E82574_TADV			0x0382C

/* Statistics: clear on read; 64-bit pairs clear when the high half is read */
#define E82574_CRCERRS			0x04000
#define E82574_MPC			0x04010
#define E82574_COLC			0x04028
#define E82574_XONRXC			0x04048
#define E82574_XONTXC			0x0404C
#define E82574_XOFFRXC			0x04050
#define E82574_XOFFTXC			0x04054
#define E82574_GPRC			0x04074
#define E82574_BPRC			0x04078
#define E82574_MPRC			0x0407C
#define E82574_GPTC			0x04080
#define E82574_GORCL			0x04088
#define E82574_GORCH			0x0408C
#define E82574_GOTCL			0x04090
#define E82574_GOTCH			0x04094
#define E82574_RNBC			0x040A0
#define E82574_RUC			0x040A4
#define E82574_ROC			0x040AC
#define E82574_TORL			0x040C0
#define E82574_TORH			0x040C4
#define E82574_TOTL			0x040C8
#define E82574_TOTH			0x040CC
#define E82574_TPR			0x040D0
#define E82574_TPT			0x040D4
#define E82574_MPTC			0x040F0
#define E82574_BPTC			0x040F4
#define E82574_TSCTC			0x040F8

/* Receive offloads and filters */
#define E82574_RXCSUM			0x05000
#define   E82574_RXCSUM_IPOFLD		BIT(8)
#define   E82574_RXCSUM_TUOFLD		BIT(9)
#define   E82574_RXCSUM_PCSD		BIT(13)
#define E82574_RFCTL			0x05008
#define   E82574_RFCTL_ACK_DIS		BIT(12)
#define   E82574_RFCTL_EXTEN		BIT(15)
#define E82574_MTA(i)			(0x05200 + 4 * (i))
#define   E82574_MTA_NUM		128
#define E82574_RAL(i)			(0x05400 + 8 * (i))
#define E82574_RAH(i)			(0x05404 + 8 * (i))
#define   E82574_RAH_ADDR		GENMASK(15, 0)
#define   E82574_RAH_AV			BIT(31)
#define   E82574_RAR_NUM		16
#define E82574_VFTA(i)			(0x05600 + 4 * (i))
#define   E82574_VFTA_NUM		128

/* Wake-up and manageability */
#define E82574_WUC			0x05800
#define   E82574_WUC_APME		BIT(0)
#define   E82574_WUC_PME_EN		BIT(1)
#define E82574_WUFC			0x05808	/* wake-up filters */
#define E82574_WUS			0x05810	/* wake-up status, W1C */
/* WUFC filter bits; WUS reports the cause with the same bits */
#define   E82574_WUFC_LNKC		BIT(0)	/* link status change */
#define   E82574_WUFC_MAG		BIT(1)	/* magic packet */
#define   E82574_WUFC_EX		BIT(2)	/* directed (unicast) exact */
#define   E82574_WUFC_MC		BIT(3)	/* directed multicast */
#define   E82574_WUFC_BC		BIT(4)	/* broadcast */
#define E82574_MANC			0x05820
#define   E82574_MANC_BLK_PHY_RST_ON_IDE	BIT(18)

/* PCIe control */
#define E82574_GCR			0x05B00
#define   E82574_GCR_BIT22		BIT(22)
#define   E82574_GCR_L1_ACT_WITHOUT_L0S_RX	BIT(27)
#define E82574_GCR2			0x05B64
#define   E82574_GCR2_BIT0		BIT(0)

/* RSS */
#define E82574_MRQC			0x05818
#define   E82574_MRQC_ENABLE		GENMASK(1, 0)
#define     E82574_MRQC_ENABLE_RSS_2Q	1
#define   E82574_MRQC_TCP_IPV4		BIT(16)
#define   E82574_MRQC_IPV4		BIT(17)
#define   E82574_MRQC_TCP_IPV6		BIT(18)
#define   E82574_MRQC_IPV6_EX		BIT(19)
#define   E82574_MRQC_IPV6		BIT(20)
#define E82574_RETA(i)			(0x05C00 + 4 * (i))
#define   E82574_RETA_NUM		32
#define E82574_RSSRK(i)			(0x05C80 + 4 * (i))
#define   E82574_RSSRK_NUM		10

/*
 * Internal PHY (address 1), reached through MDIC.  Registers 0-10 are the
 * IEEE ones of <linux/mii.h>; these are the 82574 PHY's own (page 0).
 */
#define E82574_PHY_ADDR			1
#define E82574_PHY_ID			0x01410CB1	/* ID1 << 16 | ID2 */
#define E82574_PHY_SPEC_CTRL		16
#define   E82574_PSCR_POLARITY_REV	BIT(1)
#define   E82574_PSCR_MDIX		GENMASK(6, 5)
#define     E82574_PSCR_MDIX_MDI	0	/* manual MDI */
#define     E82574_PSCR_MDIX_MDIX	1	/* manual MDI-X */
#define     E82574_PSCR_MDIX_AUTO	3
#define   E82574_PSCR_DOWNSHIFT		BIT(11)
#define E82574_PHY_SPEC_STATUS		17
#define   E82574_PSSR_MDIX		BIT(6)	/* crossed over */
#define E82574_PHY_RX_ERR_CNT		21
#define E82574_PHY_PAGE_SELECT		22	/* page of registers 16-31 */
#define E82574_PHY_BIAS1		29
#define E82574_PHY_BIAS2		30

/*
 * Registers on other pages that e1000e sets for the 82574's PHY loopback
 * (page, register, bits); the comments are the meaning e1000e gives.
 */
#define E82574_PHY_MAC_CTRL2_PAGE	2
#define E82574_PHY_MAC_CTRL2		21
#define   E82574_MAC_CTRL2_SPEED	GENMASK(2, 0)	/* MAC interface */
#define     E82574_MAC_CTRL2_SPEED_1000	6
#define E82574_PHY_FORCE_PAGE		769
#define E82574_PHY_FORCE_CTRL		16
#define   E82574_PHY_FORCE_FD		GENMASK(3, 2)	/* full duplex */
#define   E82574_PHY_FORCE_LINK		BIT(6)
#define E82574_PHY_FORCE_CTRL2		20
#define   E82574_PHY_EARLY_LINK		BIT(10)
#define E82574_PHY_LINK_PAGE		776
#define E82574_PHY_LINK_CTRL		16
#define   E82574_PHY_LINK_UP		BIT(6)	/* in force-link mode */

/*
 * IEEE 1588 time sync.  SYSTIM counts up by TIMINCA.INCVALUE every
 * INCPERIOD ticks of the timesync clock (25 MHz, 40 ns, on the 82574).
 * Reading SYSTIML latches SYSTIMH; reading RXSTMPH/TXSTMPH releases the
 * RX/TX stamp registers for the next frame (clears VALID).
 */
#define E82574_SYSTIML			0x0B600
#define E82574_SYSTIMH			0x0B604
#define E82574_TIMINCA			0x0B608
#define   E82574_TIMINCA_INCVALUE	GENMASK(23, 0)
#define   E82574_TIMINCA_INCPERIOD	GENMASK(31, 24)
#define E82574_TSYNCTXCTL		0x0B614
#define   E82574_TSYNCTXCTL_VALID	BIT(0)
#define   E82574_TSYNCTXCTL_ENABLED	BIT(4)
#define E82574_TXSTMPL			0x0B618
#define E82574_TXSTMPH			0x0B61C
#define E82574_TSYNCRXCTL		0x0B620
#define   E82574_TSYNCRXCTL_VALID	BIT(0)
#define   E82574_TSYNCRXCTL_TYPE	GENMASK(3, 1)
#define     E82574_RXTS_L2_V2		0	/* PTP v2 over Ethernet */
#define     E82574_RXTS_L4_V1		1	/* PTP v1 over UDP */
#define     E82574_RXTS_L2_L4_V2	2	/* PTP v2, both */
#define     E82574_RXTS_ALL		4	/* every frame */
#define     E82574_RXTS_EVENT_V2	5	/* PTP v2 event messages */
#define   E82574_TSYNCRXCTL_ENABLED	BIT(4)
#define E82574_RXSTMPL			0x0B624
#define E82574_RXSTMPH			0x0B628
/* RXMTRL: the EtherType (L2) and message type the RX stamp matches */
#define E82574_RXMTRL			0x0B634
#define   E82574_RXMTRL_ETYPE		GENMASK(15, 0)
#define   E82574_RXMTRL_V1_MSG		GENMASK(23, 16)
#define   E82574_RXMTRL_V2_MSG		GENMASK(31, 24)
#define     E82574_PTP_MSG_SYNC		0
#define     E82574_PTP_MSG_DELAY_REQ	1
/* RXUDP: UDP destination port (network order in bits 15:0) */
#define E82574_RXUDP			0x0B638

/*
 * Extended receive descriptor (RFCTL extended-descriptor bit set,
 * RCTL.DTYP = 0).
 * The driver posts the read format; the NIC writes the whole 16 bytes
 * back, DD last.
 */
struct e82574_rx_desc_read {
	__le64 buf_addr;
	__le64 reserved;	/* overlays the write-back status: keep 0 */
};

struct e82574_rx_desc_wb {
	__le32 mrq;		/* RSS type and queue */
	__le32 rss_hash;	/* with RXCSUM.PCSD */
	__le32 status_error;
	__le16 length;
	__le16 vlan;		/* stripped tag (TCI) when STAT_VP */
};

union e82574_rx_desc {
	struct e82574_rx_desc_read read;
	struct e82574_rx_desc_wb wb;
};

#define E82574_RXD_MRQ_RSS_TYPE		GENMASK(3, 0)
#define   E82574_RSS_TYPE_NONE		0
#define   E82574_RSS_TYPE_TCP_IPV4	1
#define   E82574_RSS_TYPE_IPV4		2
#define   E82574_RSS_TYPE_TCP_IPV6	3
#define   E82574_RSS_TYPE_IPV6_EX	4
#define   E82574_RSS_TYPE_IPV6		5
#define E82574_RXD_MRQ_QUEUE		GENMASK(12, 8)

#define E82574_RXD_STAT_DD		BIT(0)
#define E82574_RXD_STAT_EOP		BIT(1)
#define E82574_RXD_STAT_VP		BIT(3)
#define E82574_RXD_STAT_UDPCS		BIT(4)
#define E82574_RXD_STAT_TCPCS		BIT(5)
#define E82574_RXD_STAT_IPCS		BIT(6)
#define E82574_RXD_STAT_TST		BIT(8)	/* RXSTMP holds its stamp */
#define E82574_RXD_ERR_CE		BIT(24)
#define E82574_RXD_ERR_SE		BIT(25)
#define E82574_RXD_ERR_SEQ		BIT(26)
#define E82574_RXD_ERR_CXE		BIT(28)
#define E82574_RXD_ERR_TCPE		BIT(29)
#define E82574_RXD_ERR_IPE		BIT(30)
#define E82574_RXD_ERR_RXE		BIT(31)
#define E82574_RXD_ERR_FRAME		(E82574_RXD_ERR_CE | \
					 E82574_RXD_ERR_SE | \
					 E82574_RXD_ERR_SEQ | \
					 E82574_RXD_ERR_CXE | \
					 E82574_RXD_ERR_RXE)

/*
 * Transmit descriptors: a context descriptor carries the offload setup
 * for the data descriptors that follow it in the same ring.
 */
struct e82574_tx_ctx_desc {
	__le32 ip_setup;	/* IPCSS, IPCSO, IPCSE */
	__le32 tu_setup;	/* TUCSS, TUCSO, TUCSE */
	__le32 cmd_len;		/* PAYLEN, DTYP = 0, TUCMD */
	__le32 seg_setup;	/* STA, HDRLEN, MSS */
};

struct e82574_tx_data_desc {
	__le64 buf_addr;
	__le32 cmd_len;		/* DTALEN, DTYP = 1, DCMD */
	__le32 options;		/* STA, POPTS, VLAN */
};

union e82574_tx_desc {
	struct e82574_tx_ctx_desc ctx;
	struct e82574_tx_data_desc data;
};

#define E82574_TXC_IPCSS		GENMASK(7, 0)
#define E82574_TXC_IPCSO		GENMASK(15, 8)
#define E82574_TXC_IPCSE		GENMASK(31, 16)
#define E82574_TXC_TUCSS		GENMASK(7, 0)
#define E82574_TXC_TUCSO		GENMASK(15, 8)
#define E82574_TXC_TUCSE		GENMASK(31, 16)
#define E82574_TXC_PAYLEN		GENMASK(19, 0)
#define E82574_TXC_HDRLEN		GENMASK(15, 8)
#define E82574_TXC_MSS			GENMASK(31, 16)

/* Command bits shared by the cmd_len word of both descriptor kinds */
#define E82574_TXD_DTYP			GENMASK(23, 20)
#define   E82574_TXD_DTYP_CTX		0
#define   E82574_TXD_DTYP_DATA		1
#define E82574_TXD_CMD_EOP		BIT(24)	/* data */
#define E82574_TXD_CMD_TCP		BIT(24)	/* context: L4 is TCP */
#define E82574_TXD_CMD_IFCS		BIT(25)	/* data */
#define E82574_TXD_CMD_IP		BIT(25)	/* context: L3 is IPv4 */
#define E82574_TXD_CMD_TSE		BIT(26)
#define E82574_TXD_CMD_RS		BIT(27)
#define E82574_TXD_CMD_DEXT		BIT(29)
#define E82574_TXD_CMD_VLE		BIT(30)	/* data: insert VET + VLAN */
#define E82574_TXD_DTALEN		GENMASK(19, 0)

#define E82574_TXD_STAT_DD		BIT(0)
#define E82574_TXD_POPTS_IXSM		BIT(8)
#define E82574_TXD_POPTS_TXSM		BIT(9)
#define E82574_TXD_VLAN			GENMASK(31, 16)	/* tag with VLE */
#define E82574_TXD_OPT_TSTAMP		BIT(4)	/* data: latch TXSTMP */

#endif /* _E82574_CSR_H_ */
